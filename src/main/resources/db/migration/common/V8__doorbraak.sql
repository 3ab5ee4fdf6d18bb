-- Break-glass (doorbraak): a request by one administrator to release a WITHHELD message to one recipient,
-- decided by a second, different administrator. The motivering may hold personal data: it is stored here only,
-- never in the audit log. lopend is true while the request is open and null once decided, so the unique
-- constraint allows at most one open request per delivery (NULLs are distinct on PostgreSQL and H2).
create table doorbraak (
    id               uuid                     not null primary key,
    bericht_id       uuid                     not null,
    ontvanger        varchar(64)              not null,
    aangevraagd_door varchar(64)              not null,
    aangevraagd_op   timestamp with time zone not null,
    motivering       varchar(2000)            not null,
    status           varchar(16)              not null,
    beoordeeld_door  varchar(64),
    beoordeeld_op    timestamp with time zone,
    lopend           boolean,
    constraint doorbraak_status_ck check (status in ('AANGEVRAAGD', 'GOEDGEKEURD', 'AFGEWEZEN')),
    constraint doorbraak_lopend_ck check ((status = 'AANGEVRAAGD' and lopend = true) or (status <> 'AANGEVRAAGD' and lopend is null)),
    constraint doorbraak_een_lopend_uk unique (bericht_id, ontvanger, lopend)
);

create index doorbraak_status_ix on doorbraak (status, aangevraagd_op);
