package nl.hvht.ketenpoort.crash;

import java.time.Instant;

/**
 * One run of the gateway process: its number (1, 2, ...), when it was spawned, and how it ended. A POST the partner
 * receives belongs to the incarnation spawned last at least {@link #SILENT_AFTER_SPAWN} before it arrived: a request
 * still in flight at a kill may reach the receiver just after the next JVM was spawned, and a JVM needs seconds before
 * it can post anything.
 */
record Incarnation(int number, long pid, Instant spawned, End end) {

    static final java.time.Duration SILENT_AFTER_SPAWN = java.time.Duration.ofSeconds(2);

    /** How an incarnation ended. */
    enum End {
        /** kill -9 of the gateway (and of any process it started): attempts under way may be repeated. */
        SIGKILL,
        /** A clean stop: attempts under way must finish and be recorded; nothing may be repeated. */
        SIGTERM,
        /** Still running when the receipts were compared. */
        RUNNING
    }

    boolean killed() {
        return end == End.SIGKILL;
    }
}
