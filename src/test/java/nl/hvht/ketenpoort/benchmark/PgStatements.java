package nl.hvht.ketenpoort.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.BiConsumer;
import nl.hvht.ketenpoort.support.TestPostgres;

/**
 * What the database does per message ({@code --pg-statements}): PostgreSQL's own statement statistics
 * (pg_stat_statements, shipped with the server) over the closed loop, printed as calls, rows and execution time per
 * message for the statements that cost most, plus the commits and WAL per message. Statement texts are normalised by
 * PostgreSQL (parameters as {@code $1}), so no data reaches the output. Execution time excludes parsing, network and
 * commit; the server's whole CPU is {@code cpu_postgres_ms_per_msg}.
 */
final class PgStatements {

    private static final int TOP = 15;

    private final EmbeddedPostgres server;
    private final long commitsBefore;
    private final long walBefore;

    private PgStatements(EmbeddedPostgres server) {
        this.server = server;
        this.commitsBefore = number(server, "select sum(xact_commit) from pg_stat_database");
        this.walBefore = number(server, "select pg_current_wal_lsn() - '0/0'::pg_lsn");
    }

    /** The server restarted with pg_stat_statements loaded (it must be in shared_preload_libraries at start). */
    static EmbeddedPostgres restartWithStatistics(EmbeddedPostgres server, Path dataDirectory) {
        execute(server, "alter system set shared_preload_libraries = 'pg_stat_statements'");
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedPostgres restarted;
        try {
            restarted = TestPostgres.startDurable(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execute(restarted, "create extension if not exists pg_stat_statements");
        return restarted;
    }

    /** Starts counting now (after the warm-up). */
    static PgStatements reset(EmbeddedPostgres server) {
        execute(server, "select pg_stat_statements_reset()");
        return new PgStatements(server);
    }

    void print(int messages, BiConsumer<String, Object> out) {
        long commits = number(server, "select sum(xact_commit) from pg_stat_database") - commitsBefore;
        long wal = number(server, "select pg_current_wal_lsn() - '0/0'::pg_lsn") - walBefore;
        out.accept("pg_commits_per_msg", fmt((double) commits / messages));
        out.accept("pg_wal_bytes_per_msg", fmt((double) wal / messages));
        String sql = "select calls, rows, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements"
                + " where query not like '%pg_stat_statements%' order by total_exec_time desc";
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            double calls = 0;
            double time = 0;
            int rank = 0;
            while (r.next()) {
                calls += r.getLong(1);
                time += r.getDouble(3);
                if (++rank <= TOP) {
                    String query = r.getString(4);
                    out.accept("pg_statement_" + rank, "calls/msg " + fmt((double) r.getLong(1) / messages) + ", rows/msg "
                            + fmt((double) r.getLong(2) / messages) + ", exec ms/msg " + fmt(r.getDouble(3) / messages)
                            + " :: " + (query.length() > 160 ? query.substring(0, 160) + "..." : query));
                }
            }
            out.accept("pg_statements_per_msg", fmt(calls / messages) + " (all statements), exec ms/msg " + fmt(time / messages));
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements could not be read", e);
        }
        printFrequent(messages, out);
    }

    /** The statements called most often (each call is a round trip, whatever it costs to execute). */
    private void printFrequent(int messages, BiConsumer<String, Object> out) {
        String sql = "select calls, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements"
                + " where query not like '%pg_stat_statements%' order by calls desc limit " + TOP;
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            int rank = 0;
            while (r.next()) {
                String query = r.getString(2);
                out.accept("pg_frequent_" + ++rank, "calls/msg " + fmt((double) r.getLong(1) / messages) + " :: "
                        + (query.length() > 120 ? query.substring(0, 120) + "..." : query));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements could not be read", e);
        }
    }

    private static long number(EmbeddedPostgres server, String sql) {
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void execute(EmbeddedPostgres server, String sql) {
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String fmt(double value) {
        return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value) : String.format("%.3g", value);
    }
}
