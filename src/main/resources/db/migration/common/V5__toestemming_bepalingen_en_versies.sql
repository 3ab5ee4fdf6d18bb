-- Consent engine: versioned toestemmingsverklaringen with permit provisions (bepalingen) and nested deny
-- exceptions (uitzonderingen), as in HL7 FHIR Consent. The V3 verklaringen become version 1 with one permit
-- naming their recipients (partner:<id>), categories and purposes. Valid on PostgreSQL and on H2.

-- One version of a verklaring. A change adds a version; nothing is updated in place.
create table toestemmingsversie (
    verklaring_id      uuid                     not null references toestemmingsverklaring (id),
    versie             integer                  not null,
    geldig_van         timestamp with time zone not null,
    geldig_tot         timestamp with time zone not null,
    bewijs_hash        varchar(64),
    geregistreerd_op   timestamp with time zone not null,
    geregistreerd_door varchar(64)              not null,
    bron_bericht_id    uuid,
    constraint toestemmingsversie_pk primary key (verklaring_id, versie),
    constraint toestemmingsversie_versie_ck check (versie >= 1),
    constraint toestemmingsversie_periode_ck check (geldig_tot > geldig_van)
);

-- A provision of a version: a permit (ouder_nr null) or a deny exception nested in permit ouder_nr.
-- Null periods: as the version (permit) or as the permit (deny).
create table toestemming_bepaling (
    verklaring_id uuid                     not null,
    versie        integer                  not null,
    nr            integer                  not null,
    ouder_nr      integer,
    soort         varchar(8)               not null,
    geldig_van    timestamp with time zone,
    geldig_tot    timestamp with time zone,
    constraint toestemming_bepaling_pk primary key (verklaring_id, versie, nr),
    constraint toestemming_bepaling_versie_fk foreign key (verklaring_id, versie)
        references toestemmingsversie (verklaring_id, versie),
    constraint toestemming_bepaling_soort_ck check (
        (soort = 'PERMIT' and ouder_nr is null) or (soort = 'DENY' and ouder_nr is not null)),
    constraint toestemming_bepaling_periode_ck check (
        (geldig_van is null and geldig_tot is null) or (geldig_van is not null and geldig_tot > geldig_van))
);

-- The actors (partner:<id>, soort:<kind>, rol:<role>), categories and purposes a provision names.
create table toestemming_bepaling_waarde (
    verklaring_id uuid        not null,
    versie        integer     not null,
    nr            integer     not null,
    dimensie      varchar(10) not null,
    waarde        varchar(80) not null,
    constraint toestemming_bepaling_waarde_pk primary key (verklaring_id, versie, nr, dimensie, waarde),
    constraint toestemming_bepaling_waarde_fk foreign key (verklaring_id, versie, nr)
        references toestemming_bepaling (verklaring_id, versie, nr),
    constraint toestemming_bepaling_waarde_ck check (dimensie in ('ACTOR', 'CATEGORIE', 'DOEL'))
);

insert into toestemmingsversie (verklaring_id, versie, geldig_van, geldig_tot, bewijs_hash, geregistreerd_op,
                                geregistreerd_door)
select id, versie, geldig_van, geldig_tot, bewijs_hash, geregistreerd_op, geregistreerd_door
  from toestemmingsverklaring;

insert into toestemming_bepaling (verklaring_id, versie, nr, ouder_nr, soort, geldig_van, geldig_tot)
select id, versie, 1, null, 'PERMIT', null, null from toestemmingsverklaring;

insert into toestemming_bepaling_waarde (verklaring_id, versie, nr, dimensie, waarde)
select o.verklaring_id, v.versie, 1, 'ACTOR', 'partner:' || o.partner_id
  from toestemming_ontvanger o join toestemmingsverklaring v on v.id = o.verklaring_id;

insert into toestemming_bepaling_waarde (verklaring_id, versie, nr, dimensie, waarde)
select c.verklaring_id, v.versie, 1, 'CATEGORIE', c.categorie
  from toestemming_categorie c join toestemmingsverklaring v on v.id = c.verklaring_id;

insert into toestemming_bepaling_waarde (verklaring_id, versie, nr, dimensie, waarde)
select d.verklaring_id, v.versie, 1, 'DOEL', d.doel
  from toestemming_doel d join toestemmingsverklaring v on v.id = d.verklaring_id;

drop table toestemming_ontvanger;
drop table toestemming_categorie;
drop table toestemming_doel;

-- The verklaring itself keeps what holds for every version: participant, revocation, first registration, and
-- the number of its latest version (updated with each change, under a row lock).
alter table toestemmingsverklaring drop constraint toestemmingsverklaring_periode_ck;
alter table toestemmingsverklaring drop column geldig_van;
alter table toestemmingsverklaring drop column geldig_tot;
alter table toestemmingsverklaring drop column bewijs_hash;

-- A version registered by a Toestemmingsverklaring message names it: the same message processed again (after
-- a crash before its ledger row was stored) finds its version instead of registering another.
create unique index toestemmingsversie_bron_ix on toestemmingsversie (bron_bericht_id);

-- Expiry warnings look for versions ending soon.
create index toestemmingsversie_tot_ix on toestemmingsversie (geldig_tot);

-- The consent log names every ground (verklaring versions, legal task, break-glass release) and what was
-- withheld from the recipient's copy.
alter table toestemmingsbesluit add column grondslag varchar(1000);
alter table toestemmingsbesluit add column ingehouden varchar(200);
alter table toestemmingsbesluit add column verklaring_versie integer;

-- Each delivery records its roles (for the re-check at delivery), the grounds and the withheld categories of
-- the copy it carries, and whether an attempt is under way (a revocation waits for attempts under way).
-- What the gateway did with a message addressed to itself (Toestemmingsverklaring, Intrekking).
alter table bericht add column verwerking varchar(100);

alter table bezorging add column rollen varchar(200);
alter table bezorging add column grondslag varchar(1000);
alter table bezorging add column ingehouden varchar(200);
alter table bezorging add column verklaring_versie integer;
alter table bezorging add column poging_sinds timestamp with time zone;

-- A revocation looks for attempts under way for the participant; the disclosure report lists his messages.
create index bericht_deelnemer_ix on bericht (deelnemer_id);
