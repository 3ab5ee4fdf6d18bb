-- Audit log: append-only, hash-chained. One row per step of a message's life (see AuditStep).
-- Holds ids, types, partner ids, category codes, outcomes and a participant PSEUDONYM only:
-- never message content, never a participant id.
-- The hash chain and its canonical encoding are documented in nl.hvht.ketenpoort.audit.AuditHash.

create table audit_record (
    volgnummer           bigint                   not null primary key, -- assigned by the writer, contiguous from 1
    tijdstip             timestamp with time zone not null,
    trace_id             varchar(100),
    stap                 varchar(32)              not null,
    bericht_id           varchar(200),
    bericht_type         varchar(64),
    afzender             varchar(100),
    ontvanger            varchar(100),
    deelnemer_pseudoniem varchar(64),
    categorieen          varchar(300),
    uitkomst             varchar(64),
    reden                varchar(500),
    vorige_hash          varchar(64)              not null,
    hash                 varchar(64)              not null
);

create index audit_record_bericht_id_idx on audit_record (bericht_id);
create index audit_record_deelnemer_idx on audit_record (deelnemer_pseudoniem, volgnummer);

-- The chain head: exactly one row holding the last volgnummer and its hash, updated in the same
-- transaction as every append. Makes cutting off the tail of the chain detectable, and its row lock
-- (SELECT ... FOR UPDATE) serialises writers, also across gateway instances sharing the database.
create table audit_keten_kop (
    id                 integer     not null primary key,
    laatste_volgnummer bigint      not null,
    laatste_hash       varchar(64) not null,
    constraint audit_keten_kop_een_rij check (id = 1)
);

insert into audit_keten_kop (id, laatste_volgnummer, laatste_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
