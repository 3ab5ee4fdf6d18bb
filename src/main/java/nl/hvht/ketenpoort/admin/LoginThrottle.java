package nl.hvht.ketenpoort.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Login throttling of the console, per user name and per client address: {@code max} failed attempts (wrong password
 * or wrong code) within the lock period lock the name (or address) for {@code ketenpoort.admin.inloggen.blokkade}
 * from the failure that reached the limit; while locked every attempt is refused without being checked. A full login
 * clears both counters. In memory, per gateway instance; bounded (expired entries are dropped).
 *
 * <p>Not a token bucket (Bucket4j, as on the partner API): a bucket refills gradually and would let one more guess
 * through every {@code period/max}; a login lock must hold for its whole period.
 */
@Component
class LoginThrottle {

    private static final int PRUNE_ABOVE = 10_000;

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration period;
    private final Clock clock;
    private final Map<String, Failures> users = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(AdminProperties properties, Clock clock) {
        this(properties.inloggen().maxPogingen(), properties.inloggen().maxPogingenPerAdres(), properties.inloggen().blokkade(), clock);
    }

    LoginThrottle(int maxPerUser, int maxPerAddress, Duration period, Clock clock) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.period = period;
        this.clock = clock;
    }

    /** Whether this user name or this address is locked now. */
    boolean locked(String user, String address) {
        Instant now = clock.instant();
        return isLocked(users.get(key(user)), now) || isLocked(addresses.get(key(address)), now);
    }

    /** Counts a failed attempt; true if it locked the user name or the address. */
    boolean failed(String user, String address) {
        Instant now = clock.instant();
        prune(now);
        boolean userLocked = isLocked(users.compute(key(user), (k, f) -> next(f, now, maxPerUser)), now);
        boolean addressLocked = isLocked(addresses.compute(key(address), (k, f) -> next(f, now, maxPerAddress)), now);
        return userLocked || addressLocked;
    }

    /** A full login (password and code): both counters start again. */
    void succeeded(String user, String address) {
        users.remove(key(user));
        addresses.remove(key(address));
    }

    private Failures next(Failures current, Instant now, int max) {
        Failures live = current == null || current.expired(now, period) ? new Failures(0, now, null) : current;
        if (isLocked(live, now)) {
            return live;
        }
        int count = live.count() + 1;
        return count >= max ? new Failures(count, live.since(), now.plus(period)) : new Failures(count, live.since(), null);
    }

    private static boolean isLocked(Failures failures, Instant now) {
        return failures != null && failures.lockedUntil() != null && now.isBefore(failures.lockedUntil());
    }

    private void prune(Instant now) {
        if (users.size() > PRUNE_ABOVE) {
            users.values().removeIf(f -> f.expired(now, period));
        }
        if (addresses.size() > PRUNE_ABOVE) {
            addresses.values().removeIf(f -> f.expired(now, period));
        }
    }

    private static String key(String value) {
        String key = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return key.length() <= 100 ? key : key.substring(0, 100);
    }

    /** Failures since {@code since}; locked until {@code lockedUntil} (null: not locked). */
    private record Failures(int count, Instant since, Instant lockedUntil) {

        boolean expired(Instant now, Duration period) {
            return lockedUntil != null ? !now.isBefore(lockedUntil) : !now.isBefore(since.plus(period));
        }
    }
}
