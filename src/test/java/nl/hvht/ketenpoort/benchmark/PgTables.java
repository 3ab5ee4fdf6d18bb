package nl.hvht.ketenpoort.benchmark;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Per-table counters of the gateway's database (pg_stat_user_tables) over a measurement: rows updated and how many of
 * those were HOT (no index entry written), and how often autovacuum ran on the table. An update that is not HOT
 * writes a new entry in every index of the table, so it costs WAL and CPU, and leaves dead index entries for vacuum.
 */
record PgTables(Map<String, long[]> byTable) {

    private static final String SQL = "select relname, n_tup_upd, n_tup_hot_upd, autovacuum_count, autoanalyze_count"
            + " from pg_stat_user_tables where relname in ('bericht', 'bezorging', 'audit_record', 'audit_keten_kop',"
            + " 'toestemmingsbesluit')";

    static PgTables of(DataSource database) {
        Map<String, long[]> tables = new TreeMap<>();
        try (var c = database.getConnection(); var s = c.createStatement(); var r = s.executeQuery(SQL)) {
            while (r.next()) {
                tables.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_user_tables could not be read", e);
        }
        return new PgTables(tables);
    }

    /** One line for the counters since {@code before}: per table updates per message, HOT share, autovacuum/analyze runs. */
    String describeSince(PgTables before, long messages) {
        StringBuilder out = new StringBuilder();
        double per = Math.max(1, messages);
        byTable.forEach((table, now) -> {
            long[] then = before.byTable.getOrDefault(table, new long[4]);
            long updates = now[0] - then[0];
            long hot = now[1] - then[1];
            out.append(out.isEmpty() ? "" : "; ").append(table).append(": updates ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f/msg", updates / per))
                    .append(updates == 0 ? "" : String.format(java.util.Locale.ROOT, " (HOT %.0f %%)", 100.0 * hot / updates))
                    .append(", autovacuum ").append(now[2] - then[2]).append(", autoanalyze ").append(now[3] - then[3]);
        });
        return out.toString();
    }
}
