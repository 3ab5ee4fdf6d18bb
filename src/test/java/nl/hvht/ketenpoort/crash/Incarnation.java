package nl.hvht.ketenpoort.crash;

import java.time.Instant;

/**
 * One run of a gateway process: the node it is (empty when the run has one gateway; otherwise the node's
 * {@code ketenpoort.delivery.node-id}), its number on that node (1, 2, ...), when it was spawned, when it had ended
 * (null while it runs) and how it ended. A POST the partner receives belongs to the incarnation of the node that sent
 * it (the receiver tells the nodes apart by the path prefix of their partner base URL) spawned last at least
 * {@link #SILENT_AFTER_SPAWN} before it arrived: a request still in flight at a kill may reach the receiver just after
 * the next JVM was spawned, and a JVM needs seconds before it can post anything.
 */
record Incarnation(String node, int number, long pid, Instant spawned, Instant ended, End end) {

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

    /** Whether it had ended (exited) before this moment. */
    boolean endedBefore(Instant at) {
        return ended != null && ended.isBefore(at);
    }

    /** "run 3", or "knooppunt-a run 3" when the run has several nodes. */
    String name() {
        return (node.isEmpty() ? "" : node + " ") + "run " + number;
    }
}
