-- Append-only enforced by the database itself: audit records can be inserted, never changed or
-- removed; the chain head can only move forward and cannot be removed. (Someone with the rights to
-- disable these triggers can still tamper; the hash chain and its head make that detectable, see
-- AuditChainVerifier.)

create function audit_weiger_wijziging() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_record is append-only: % refused', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger audit_record_geen_wijziging
    before update or delete on audit_record
    for each row execute function audit_weiger_wijziging();

create trigger audit_record_geen_truncate
    before truncate on audit_record
    for each statement execute function audit_weiger_wijziging();

create function audit_kop_alleen_vooruit() returns trigger
    language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'audit_keten_kop: % refused', tg_op
            using errcode = 'restrict_violation';
    end if;
    if new.id <> old.id or new.laatste_volgnummer <= old.laatste_volgnummer then
        raise exception 'audit_keten_kop may only move forward'
            using errcode = 'restrict_violation';
    end if;
    return new;
end;
$$;

create trigger audit_keten_kop_alleen_vooruit
    before update or delete on audit_keten_kop
    for each row execute function audit_kop_alleen_vooruit();

create trigger audit_keten_kop_geen_truncate
    before truncate on audit_keten_kop
    for each statement execute function audit_kop_alleen_vooruit();
