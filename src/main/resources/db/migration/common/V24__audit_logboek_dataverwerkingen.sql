-- Audit records in the shape of Logboek Dataverwerkingen (audit.AuditRecord.Logboek), part of the hash chain.
-- hash_versie says which formula an auditor recomputes (audit.AuditHash): 1 for every record written before this
-- migration (their new columns stay null, they verify as they always did), 2 for every record written since.
-- Adding columns with a constant default rewrites no row, so the append-only triggers (V2_1) are not touched.
alter table audit_record add column hash_versie smallint not null default 1;
alter table audit_record add column span_id varchar(16);                -- this record's own span, 16 hex
alter table audit_record add column parent_span_id varchar(16);         -- the span it happened in
alter table audit_record add column foreign_trace_id varchar(32);       -- the calling party's trace id
alter table audit_record add column foreign_span_id varchar(16);        -- the calling party's span id
alter table audit_record add column foreign_entity varchar(100);        -- the calling party (partner id)
alter table audit_record add column status_code varchar(8);             -- OK or ERROR
alter table audit_record add column start_tijd timestamp with time zone; -- start of the operation (end: tijdstip)
alter table audit_record add column resource varchar(100);              -- the processing system
alter table audit_record add column verwerkingsactiviteit varchar(200); -- processing activity id (URI)
alter table audit_record add column doel varchar(64);                   -- purpose, or purpose of use (console)
alter table audit_record add column betrokkene_type varchar(64);        -- kind of data subject id (the pseudonym)
alter table audit_record add column actor_rol varchar(100);             -- NEN 7513: roles of the console user
alter table audit_record add column toegangspunt varchar(100);          -- NEN 7513: network access point

-- The export (audit.AuditExport) reads a period in volgnummer order.
create index audit_record_tijdstip_idx on audit_record (tijdstip, volgnummer);
