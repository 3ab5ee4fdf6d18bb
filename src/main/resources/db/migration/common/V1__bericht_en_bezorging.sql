-- Messages received and their delivery status per recipient. The stored body doubles as the outbox:
-- a row still ACCEPTED after a crash is queued again by the sweeper, with the signed copy stored for it.
-- deelnemer_id is read for the consent re-check before each delivery attempt, so the participant id never
-- travels as a queue property (only inside the signed body).
create table bericht (
    bericht_id           uuid                     primary key,
    bericht_type         varchar(40)              not null,
    afzender             varchar(64)              not null,
    deelnemer_id         varchar(40)              not null,
    deelnemer_pseudoniem varchar(40)              not null,
    doel                 varchar(40)              not null,
    categorieen          varchar(200)             not null,
    inhoud_sha256        varchar(64)              not null,
    inhoud               bytea,
    trace_id             varchar(64)              not null,
    ontvangen_op         timestamp with time zone not null
);

create index bericht_afzender_idx on bericht (afzender, ontvangen_op);

create table bezorging (
    bericht_id    uuid                     not null references bericht (bericht_id),
    ontvanger     varchar(64)              not null,
    status        varchar(16)              not null,
    reden         varchar(64),
    verklaring_id uuid,
    ondertekend   bytea,
    pogingen      integer                  not null default 0,
    bijgewerkt_op timestamp with time zone not null,
    primary key (bericht_id, ontvanger)
);

create index bezorging_status_idx on bezorging (status, bijgewerkt_op);
