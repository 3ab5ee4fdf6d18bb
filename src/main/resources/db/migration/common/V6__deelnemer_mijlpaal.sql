-- Known release and hand-over dates per participant, noted when messages pass the pipeline (consent.Mijlpalen):
-- UITSTROOM from an Overdracht (uitstroom/datum), VERWACHTE_UITSTROOM from a Trajectplan
-- (detentie/verwachteUitstroomdatum). One current row per (participant, kind): the latest message processed
-- wins. The expiry warnings compare them with the end of the participant's consent. Like bericht, this table
-- holds the participant id (to find his verklaringen); logs never do.
create table deelnemer_mijlpaal (
    deelnemer_id     varchar(40)              not null,
    soort            varchar(24)              not null,
    datum            date                     not null,
    bron_bericht_id  uuid                     not null,
    geregistreerd_op timestamp with time zone not null,
    constraint deelnemer_mijlpaal_pk primary key (deelnemer_id, soort),
    constraint deelnemer_mijlpaal_soort_ck check (soort in ('UITSTROOM', 'VERWACHTE_UITSTROOM'))
);

create index deelnemer_mijlpaal_datum_ix on deelnemer_mijlpaal (datum);
