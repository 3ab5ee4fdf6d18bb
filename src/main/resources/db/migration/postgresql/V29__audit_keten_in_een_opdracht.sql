-- The audit chain appended in ONE statement that takes the chain head itself (package audit, JdbcAuditLog).
--
-- Until now the writer locked the head (SELECT ... FOR UPDATE), got its volgnummer and hash back, chained the records
-- in Java and then sent them: the head stayed locked over one more round trip, two more wake-ups of the writing thread
-- and the Java hashing, and every append of the node waits for the head. Now the writer sends the records with each
-- one's canonical encoding without its first two and its last field (audit.AuditHash#fields), and this function locks
-- the head, numbers and chains the records, inserts them and moves the head: the head is held from here to the commit.
--
-- The hash is exactly as audit.AuditHash specifies it (the verifier, in Java, is unchanged):
--   hash = lowercase hex( SHA-256( F(tag) F(volgnummer) fields F(vorige_hash) ) )
-- with F(text) = the byte length as unsigned 32-bit big-endian integer, then the text (tag, volgnummer and hash are
-- ASCII). The gateway writes hash format 2 only (tag 'ketenpoort-audit-v2'); any other hash_versie is refused.
-- audit_veld is STABLE like convert_to, so PostgreSQL inlines it into the loop's expression.

create function audit_veld(tekst text) returns bytea
    language sql stable strict parallel safe as $$
    select int4send(octet_length(convert_to(tekst, 'UTF8'))) || convert_to(tekst, 'UTF8')
$$;

create function audit_aanvullen(
    velden bytea[], tijdstippen text[], trace_ids text[], stappen text[], bericht_ids text[], bericht_types text[],
    afzenders text[], ontvangers text[], pseudoniemen text[], categorieen_ text[], uitkomsten text[], redenen text[],
    hash_versies smallint[], span_ids text[], parent_span_ids text[], foreign_trace_ids text[], foreign_span_ids text[],
    foreign_entities text[], status_codes text[], start_tijden text[], resources text[], activiteiten text[],
    doelen text[], betrokkene_typen text[], actor_rollen text[], toegangspunten text[])
    returns bigint
    language plpgsql as $$
declare
    nummer bigint;
    vorige text;
    n integer := coalesce(cardinality(velden), 0);
    nummers bigint[] := array_fill(0::bigint, array[n]);
    vorigen text[] := array_fill(null::text, array[n]);
    hashes text[] := array_fill(null::text, array[n]);
    -- F('ketenpoort-audit-v2'), and the length part of F(vorige_hash): a hash is always 64 characters
    tag constant bytea := audit_veld('ketenpoort-audit-v2');
    hash_lengte constant bytea := int4send(64);
    cijfers text;
begin
    select laatste_volgnummer, laatste_hash into nummer, vorige from audit_keten_kop where id = 1 for update;
    if not found then
        raise exception 'audit chain head row missing' using errcode = 'no_data_found';
    end if;
    if n = 0 then
        return nummer;
    end if;
    for i in 1 .. n loop
        if hash_versies[i] is distinct from 2 or velden[i] is null then
            raise exception 'audit record % has no valid hash format', i using errcode = 'invalid_parameter_value';
        end if;
        if octet_length(vorige) <> 64 then
            raise exception 'audit chain head hash is not 64 characters' using errcode = 'data_corrupted';
        end if;
        nummer := nummer + 1;
        cijfers := nummer::text; -- decimal ASCII digits: 'escape' decoding leaves them as they are
        nummers[i] := nummer;
        vorigen[i] := vorige;
        vorige := encode(sha256(tag || int4send(octet_length(cijfers)) || decode(cijfers, 'escape') || velden[i]
                || hash_lengte || decode(vorige, 'escape')), 'hex');
        hashes[i] := vorige;
    end loop;
    insert into audit_record (volgnummer, tijdstip, trace_id, stap, bericht_id, bericht_type, afzender, ontvanger,
            deelnemer_pseudoniem, categorieen, uitkomst, reden, vorige_hash, hash, hash_versie, span_id, parent_span_id,
            foreign_trace_id, foreign_span_id, foreign_entity, status_code, start_tijd, resource, verwerkingsactiviteit,
            doel, betrokkene_type, actor_rol, toegangspunt)
    select * from unnest(nummers, tijdstippen::timestamptz[], trace_ids, stappen, bericht_ids, bericht_types, afzenders,
            ontvangers, pseudoniemen, categorieen_, uitkomsten, redenen, vorigen, hashes, hash_versies, span_ids,
            parent_span_ids, foreign_trace_ids, foreign_span_ids, foreign_entities, status_codes,
            start_tijden::timestamptz[], resources, activiteiten, doelen, betrokkene_typen, actor_rollen, toegangspunten);
    update audit_keten_kop set laatste_volgnummer = nummer, laatste_hash = vorige where id = 1;
    return nummer;
end;
$$;
