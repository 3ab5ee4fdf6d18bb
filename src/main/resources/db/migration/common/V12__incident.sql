-- Alerts (package alert): one row per incident. sleutel names what it is about (dlq, partner-fails:<partnerId>,
-- oldest-undelivered:<partnerId>). open is true while the incident lasts and null once resolved, so the unique
-- constraint allows at most one open incident per key (NULLs are distinct on PostgreSQL and H2). details holds
-- counts, partner ids and reason codes only: never message content or participant ids.
create table incident (
    id               bigint generated always as identity primary key,
    sleutel          varchar(120)             not null,
    soort            varchar(32)              not null,
    partner          varchar(64),
    geopend_op       timestamp with time zone not null,
    details          varchar(1000)            not null,
    laatst_gemeld_op timestamp with time zone,
    opgelost_op      timestamp with time zone,
    open             boolean,
    constraint incident_open_ck check ((opgelost_op is null and open = true) or (opgelost_op is not null and open is null)),
    constraint incident_een_open_uk unique (sleutel, open)
);

create index incident_geopend_ix on incident (geopend_op);
