package nl.hvht.ketenpoort.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import nl.hvht.ketenpoort.admin.LoginThrottle.Failures;
import nl.hvht.ketenpoort.admin.LoginThrottle.Key;

/** {@link LoginFailures} in memory, for one node; pruned once it holds more than {@value #PRUNE_ABOVE} keys. */
final class MemoryLoginFailures implements LoginFailures {

    private static final int PRUNE_ABOVE = 20_000;

    private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

    @Override
    public Failures get(Key key) {
        return failures.get(key);
    }

    @Override
    public Failures compute(Key key, UnaryOperator<Failures> next) {
        return failures.compute(key, (k, current) -> next.apply(current));
    }

    @Override
    public void remove(Key key) {
        failures.remove(key);
    }

    @Override
    public List<Key> reportEndedLocks(Instant now) {
        List<Key> ended = new ArrayList<>();
        failures.replaceAll((key, f) -> {
            if (f.lockEnded(now)) {
                ended.add(key);
                return f.markReported();
            }
            return f;
        });
        return ended;
    }

    @Override
    public void prune(Instant now, Duration maxLock) {
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(f -> f.forgotten(now, maxLock));
        }
    }
}
