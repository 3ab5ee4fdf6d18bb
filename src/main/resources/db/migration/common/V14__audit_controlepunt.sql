-- The last point up to which a full check found the audit chain intact (audit.AuditChainVerifier): a routine check
-- re-hashes from here instead of from record 1. Volgnummer 0 means: no full check yet.
create table audit_controlepunt (
    id         integer                  not null primary key check (id = 1),
    volgnummer bigint                   not null,
    hash       varchar(64)              not null,
    gezet_op   timestamp with time zone not null
);

insert into audit_controlepunt (id, volgnummer, hash, gezet_op) values (1, 0, repeat('0', 64), now());
