-- Consent: toestemmingsverklaringen (the participant's written consent) and the consent log
-- (every decision with its ground). Valid on PostgreSQL and on H2 in PostgreSQL mode.

-- One verklaring. The participant id is stored because consent is looked up by it; it never leaves
-- this table (logs hold only its pseudonym). versie: version of the verklaring, 1 on registration.
create table toestemmingsverklaring (
    id                 uuid                     not null primary key,
    deelnemer_id       varchar(40)              not null,
    versie             integer                  not null,
    geldig_van         timestamp with time zone not null,
    geldig_tot         timestamp with time zone not null,
    ingetrokken_op     timestamp with time zone,
    geregistreerd_op   timestamp with time zone not null,
    geregistreerd_door varchar(64)              not null,
    bewijs_hash        varchar(64),
    constraint toestemmingsverklaring_versie_ck check (versie >= 1),
    constraint toestemmingsverklaring_periode_ck check (geldig_tot > geldig_van)
);

create index toestemmingsverklaring_deelnemer_ix on toestemmingsverklaring (deelnemer_id);

-- Recipient partner ids the verklaring covers.
create table toestemming_ontvanger (
    verklaring_id uuid        not null references toestemmingsverklaring (id),
    partner_id    varchar(64) not null,
    constraint toestemming_ontvanger_pk primary key (verklaring_id, partner_id)
);

-- Data category codes (bericht.DataCategory#code) the verklaring covers.
create table toestemming_categorie (
    verklaring_id uuid        not null references toestemmingsverklaring (id),
    categorie     varchar(40) not null,
    constraint toestemming_categorie_pk primary key (verklaring_id, categorie)
);

-- Purpose codes (re-integratie, nazorg, toezicht, behandeling) the verklaring covers.
create table toestemming_doel (
    verklaring_id uuid        not null references toestemmingsverklaring (id),
    doel          varchar(40) not null,
    constraint toestemming_doel_pk primary key (verklaring_id, doel)
);

-- The consent log: one row per decision, at intake and before every delivery attempt. Never holds the
-- participant id, only its pseudonym. verklaring_id has no foreign key on purpose: this log is kept
-- longer than the verklaringen it names.
create table toestemmingsbesluit (
    id                   bigint generated always as identity primary key,
    moment               timestamp with time zone not null,
    bericht_id           varchar(100)             not null,
    ontvanger            varchar(64)              not null,
    deelnemer_pseudoniem varchar(64)              not null,
    fase                 varchar(16)              not null,
    uitkomst             varchar(16)              not null,
    verklaring_id        uuid,
    reden                varchar(40),
    categorieen          varchar(400)             not null,
    doel                 varchar(40),
    constraint toestemmingsbesluit_fase_ck check (fase in ('INTAKE', 'BEZORGING')),
    constraint toestemmingsbesluit_uitkomst_ck check (uitkomst in ('ALLOWED', 'DENIED'))
);

create index toestemmingsbesluit_bericht_ix on toestemmingsbesluit (bericht_id);
create index toestemmingsbesluit_pseudoniem_ix on toestemmingsbesluit (deelnemer_pseudoniem);
