package nl.hvht.ketenpoort.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import nl.hvht.ketenpoort.admin.LoginThrottle.Failures;
import nl.hvht.ketenpoort.admin.LoginThrottle.Key;

/**
 * Where {@link LoginThrottle} keeps its counts: {@link MemoryLoginFailures} (one node) or {@link JdbcLoginFailures}
 * (every node, table {@code inlog_poging}). Each operation is atomic for its key.
 */
interface LoginFailures {

    /** The failures of a key, or null. */
    Failures get(Key key);

    /** Replaces the failures of a key by {@code next} of the current ones (null: none), atomically; returns them. */
    Failures compute(Key key, UnaryOperator<Failures> next);

    /** Forgets a key. */
    void remove(Key key);

    /** Marks every lock that has ended by {@code now} and was not reported yet as reported; returns their keys, each once. */
    List<Key> reportEndedLocks(Instant now);

    /** Drops what need not be remembered ({@link Failures#forgotten}). */
    void prune(Instant now, Duration maxLock);
}
