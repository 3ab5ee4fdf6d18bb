package nl.hvht.ketenpoort.benchmark;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Grown tables, written with SQL straight into a database the gateway has migrated (and is not running on). Written for
 * the schema of {@code db/migration} (V1-V12) and unaffected by V13 (columns on bezorging, camel_messageprocessed
 * dropped) and V14 (audit_controlepunt): they write consent and audit records with explicit column lists and touch
 * neither bezorging nor the idempotency table. A changed consent or audit_record schema needs these statements changed.
 */
final class Seeds {

    private Seeds() {
    }

    /** Participant ids of {@link #consent}: {@code GROEI-000001} and so on. */
    static List<String> participants(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ids.add("GROEI-%06d".formatted(i));
        }
        return ids;
    }

    /**
     * {@code participants} participants with one verklaring each in {@code versions} versions, every version one permit
     * for every category and purpose to all of {@link Overdrachten#RECIPIENTS} (as POST /api/v1/toestemmingen writes
     * version 1), valid from yesterday for a year, each registered a minute after the one before: at a check every
     * version has started, so the gateway reads the latest alone ({@code VerklaringStore.candidatesInForce}).
     */
    static void consent(DataSource database, int participants, int versions) throws SQLException {
        String actors = Overdrachten.RECIPIENTS.stream().map(id -> "('ACTOR', 'partner:" + id + "')")
                .collect(Collectors.joining(", "));
        String categories = LoadClient.ALL_CATEGORIES.stream().map(c -> "('CATEGORIE', '" + c + "')")
                .collect(Collectors.joining(", "));
        String purposes = LoadClient.ALL_PURPOSES.stream().map(d -> "('DOEL', '" + d + "')")
                .collect(Collectors.joining(", "));
        execute(database,
                """
                insert into toestemmingsverklaring (id, deelnemer_id, versie, ingetrokken_op, geregistreerd_op, geregistreerd_door)
                select md5('groei-' || i)::uuid, 'GROEI-' || lpad(i::text, 6, '0'), %d, null, now() - interval '2 days', 'hvht'
                  from generate_series(1, %d) i""".formatted(versions, participants),
                """
                insert into toestemmingsversie (verklaring_id, versie, geldig_van, geldig_tot, bewijs_hash, geregistreerd_op,
                                                geregistreerd_door, bron_bericht_id)
                select v.id, s, now() - interval '1 day', now() + interval '365 days', null,
                       now() - interval '2 days' + s * interval '1 minute', 'hvht', null
                  from toestemmingsverklaring v cross join generate_series(1, %d) s
                 where v.deelnemer_id like 'GROEI-%%'""".formatted(versions),
                """
                insert into toestemming_bepaling (verklaring_id, versie, nr, ouder_nr, soort, geldig_van, geldig_tot)
                select s.verklaring_id, s.versie, 1, null, 'PERMIT', null, null
                  from toestemmingsversie s join toestemmingsverklaring v on v.id = s.verklaring_id
                 where v.deelnemer_id like 'GROEI-%'""",
                """
                insert into toestemming_bepaling_waarde (verklaring_id, versie, nr, dimensie, waarde)
                select b.verklaring_id, b.versie, 1, w.dimensie, w.waarde
                  from toestemming_bepaling b join toestemmingsverklaring v on v.id = b.verklaring_id
                 cross join (values %s, %s, %s) w (dimensie, waarde)
                 where v.deelnemer_id like 'GROEI-%%'""".formatted(actors, categories, purposes),
                "analyze");
    }

    /**
     * {@code records} audit records after the chain head, with the head moved past them. Their hashes are not a valid
     * chain (the audit chain check would flag them): use a database of their own.
     */
    static void audit(DataSource database, int records) throws SQLException {
        execute(database,
                """
                insert into audit_record (volgnummer, tijdstip, trace_id, stap, bericht_id, bericht_type, afzender, ontvanger,
                                          deelnemer_pseudoniem, categorieen, uitkomst, reden, vorige_hash, hash)
                select k.laatste_volgnummer + i, now() - interval '30 days' + i * interval '1 second', md5('trace-' || i),
                       (array['RECEIVED', 'CONSENT_DECISION', 'QUEUED', 'DELIVERY_ATTEMPT', 'DELIVERED'])[1 + i %% 5],
                       md5('bericht-' || (i / 9))::uuid::text, 'Overdracht', 'hvht',
                       (array['gemeente-enschede', 'reclassering-nederland'])[1 + i %% 2],
                       'p-' || md5('deelnemer-' || (i / 90)), 'identificatie,detentie', 'OK', null,
                       md5('a' || (i - 1)) || md5('b' || (i - 1)), md5('a' || i) || md5('b' || i)
                  from audit_keten_kop k cross join generate_series(1, %d) i""".formatted(records),
                """
                update audit_keten_kop set laatste_volgnummer = laatste_volgnummer + %d,
                       laatste_hash = (select hash from audit_record order by volgnummer desc limit 1)""".formatted(records),
                "analyze");
    }

    private static void execute(DataSource database, String... statements) throws SQLException {
        try (var connection = database.getConnection(); var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
