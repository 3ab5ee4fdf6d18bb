package nl.hvht.ketenpoort.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;

/**
 * What PostgreSQL did in the background during a measurement, from its own counters (pg_stat_bgwriter, pg_stat_wal):
 * checkpoints with their write and sync time, the WAL and its full-page images per message, and the buffers the
 * sessions had to write themselves. A checkpoint's final sync competes with the commits' WAL flushes for the disk, so
 * a latency tail that coincides with one is the disk's, not the gateway's.
 */
record PgBackground(double timed, double requested, double writeMs, double syncMs, double backendBuffers,
        double walBytes, double fullPageImages) {

    private static final String SQL = "select b.checkpoints_timed, b.checkpoints_req, b.checkpoint_write_time,"
            + " b.checkpoint_sync_time, b.buffers_backend, w.wal_bytes, w.wal_fpi from pg_stat_bgwriter b, pg_stat_wal w";

    static PgBackground of(EmbeddedPostgres server) {
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement(); var r = s.executeQuery(SQL)) {
            r.next();
            return new PgBackground(r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5),
                    r.getDouble(6), r.getDouble(7));
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_bgwriter/pg_stat_wal could not be read", e);
        }
    }

    PgBackground since(PgBackground before) {
        return new PgBackground(timed - before.timed, requested - before.requested, writeMs - before.writeMs,
                syncMs - before.syncMs, backendBuffers - before.backendBuffers, walBytes - before.walBytes,
                fullPageImages - before.fullPageImages);
    }

    /** One line: checkpoints in the window (a checkpoint's write and sync time may lie partly outside it). */
    String describe(long messages) {
        double per = Math.max(1, messages);
        return "checkpoints %.0f (timed %.0f, requested %.0f), write %.0f ms, sync %.0f ms; WAL %.0f bytes/msg, full-page images %.2f/msg; buffers written by sessions %.2f/msg"
                .formatted(timed + requested, timed, requested, writeMs, syncMs, walBytes / per, fullPageImages / per,
                        backendBuffers / per);
    }
}
