package nl.hvht.ketenpoort.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Login throttling of the console, so that guessing is slow and nobody can lock a real administrator out.
 *
 * <ul>
 *   <li><b>Per user name and client address</b>: {@code maxPerPair} failed attempts (wrong password or wrong code) of
 *       one name from one address lock that pair for {@code firstDelay}; every further failure after a lock doubles
 *       it, up to {@code maxLock}. The same name from another address is not affected: an attacker who guesses
 *       {@code kijker1}'s password locks only himself, never {@code kijker1} at his usual address. A full login clears
 *       the pair; its failures are otherwise forgotten {@code maxLock} after the last one (or after its lock ended).</li>
 *   <li><b>Per client address</b>: {@code maxPerAddress} failed attempts from one address, whatever the names, lock
 *       the address for {@code maxLock}. Successful logins (of any account) do not reset this count, so one valid
 *       account does not buy unlimited guesses at the others.</li>
 *   <li>Names are keys exactly as typed (no case folding, no trimming), as the accounts are matched: {@code KIJKER1 }
 *       is another name than {@code kijker1}.</li>
 * </ul>
 * While locked, an attempt is refused without being checked. Locks started are returned by {@link #failed}, ended
 * locks by {@link #released} (each once), so the caller audit-logs both. In memory, per gateway instance; bounded
 * (expired entries are dropped).
 *
 * <p>No global lock per user name: that would let anyone lock out anyone. A guesser spread over many addresses is
 * still slowed per address, and a password alone opens nothing (the TOTP code is the second step, throttled the same
 * way). Not a token bucket (Bucket4j, as on the partner API): a bucket refills gradually; a lock must hold for its
 * whole period.
 */
@Component
class LoginThrottle {

    private static final int PRUNE_ABOVE = 10_000;
    private static final int MAX_KEY = 100;

    /** What a lock covers. */
    enum Scope { NAAM_EN_ADRES, ADRES }

    /** A lock that started: for {@code naam} (null for an address lock) from {@code address}, until {@code until}. */
    record Lock(Scope scope, String naam, String address, Instant until) {
    }

    /** A lock that ended. */
    record Release(Scope scope, String naam, String address) {
    }

    private record Pair(String naam, String address) {
    }

    private final int maxPerPair;
    private final int maxPerAddress;
    private final Duration firstDelay;
    private final Duration maxLock;
    private final Clock clock;
    private final Map<Pair, Failures> pairs = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final Queue<Release> endedLocks = new ConcurrentLinkedQueue<>();

    @Autowired
    LoginThrottle(AdminProperties properties, Clock clock) {
        this(properties.login().maxAttempts(), properties.login().maxAttemptsPerAddress(),
                properties.login().delay(), properties.login().lockout(), clock);
    }

    LoginThrottle(int maxPerPair, int maxPerAddress, Duration firstDelay, Duration maxLock, Clock clock) {
        this.maxPerPair = maxPerPair;
        this.maxPerAddress = maxPerAddress;
        this.firstDelay = firstDelay.compareTo(maxLock) < 0 ? firstDelay : maxLock;
        this.maxLock = maxLock;
        this.clock = clock;
    }

    /** Whether this user name from this address, or this address, is locked now. */
    boolean locked(String naam, String address) {
        Instant now = clock.instant();
        return isLocked(pairs.get(pair(naam, address)), now) || isLocked(addresses.get(key(address)), now);
    }

    /** Counts a failed attempt; returns the locks it started (none, the pair's, the address's, or both). */
    List<Lock> failed(String naam, String address) {
        Instant now = clock.instant();
        collectReleases(now);
        prune(now);
        List<Lock> started = new ArrayList<>(2);
        Pair pair = pair(naam, address);
        Instant pairBefore = lockOf(pairs.get(pair));
        Instant pairAfter = pairs.compute(pair, (k, f) -> nextForPair(f, now)).lockedUntil();
        if (pairAfter != null && !pairAfter.equals(pairBefore)) {
            started.add(new Lock(Scope.NAAM_EN_ADRES, pair.naam(), pair.address(), pairAfter));
        }
        String byAddress = key(address);
        Instant addressBefore = lockOf(addresses.get(byAddress));
        Instant addressAfter = addresses.compute(byAddress, (k, f) -> nextForAddress(f, now)).lockedUntil();
        if (addressAfter != null && !addressAfter.equals(addressBefore)) {
            started.add(new Lock(Scope.ADRES, null, byAddress, addressAfter));
        }
        return started;
    }

    /** A full login (password and code): the failures of this name from this address are forgotten, nothing else. */
    void succeeded(String naam, String address) {
        collectReleases(clock.instant());
        pairs.remove(pair(naam, address));
    }

    /** The locks that have ended since the last call, each once. */
    List<Release> released() {
        collectReleases(clock.instant());
        List<Release> ended = new ArrayList<>();
        for (Release release; (release = endedLocks.poll()) != null; ) {
            ended.add(release);
        }
        return ended;
    }

    /** Moves every lock that has ended to the queue {@link #released} drains, before its entry can be reset. */
    private void collectReleases(Instant now) {
        pairs.replaceAll((pair, f) -> {
            if (f.lockEnded(now)) {
                endedLocks.add(new Release(Scope.NAAM_EN_ADRES, pair.naam(), pair.address()));
                return f.markReported();
            }
            return f;
        });
        addresses.replaceAll((address, f) -> {
            if (f.lockEnded(now)) {
                endedLocks.add(new Release(Scope.ADRES, null, address));
                return f.markReported();
            }
            return f;
        });
    }

    private static Instant lockOf(Failures failures) {
        return failures == null ? null : failures.lockedUntil();
    }

    private Failures nextForPair(Failures current, Instant now) {
        Failures live = current == null || current.forgotten(now, maxLock) ? Failures.none(now) : current;
        if (isLocked(live, now)) {
            return live;
        }
        int count = live.count() + 1;
        if (count < maxPerPair) {
            return live.counted(count, now, null);
        }
        // the first lock lasts firstDelay, each further failure doubles it, up to maxLock
        Duration delay = firstDelay.multipliedBy(1L << Math.min(count - maxPerPair, 30));
        return live.counted(count, now, now.plus(delay.compareTo(maxLock) < 0 && !delay.isNegative() ? delay : maxLock));
    }

    private Failures nextForAddress(Failures current, Instant now) {
        Failures live = current == null || current.forgotten(now, maxLock) || current.windowOver(now, maxLock)
                ? Failures.none(now) : current;
        if (isLocked(live, now)) {
            return live;
        }
        int count = live.count() + 1;
        return live.counted(count, now, count >= maxPerAddress ? now.plus(maxLock) : null);
    }

    private static boolean isLocked(Failures failures, Instant now) {
        return failures != null && failures.lockedUntil() != null && now.isBefore(failures.lockedUntil());
    }

    private void prune(Instant now) {
        if (pairs.size() > PRUNE_ABOVE) {
            pairs.values().removeIf(f -> f.forgotten(now, maxLock));
        }
        if (addresses.size() > PRUNE_ABOVE) {
            addresses.values().removeIf(f -> f.forgotten(now, maxLock));
        }
    }

    private static Pair pair(String naam, String address) {
        return new Pair(key(naam), key(address));
    }

    /** Exactly as given (bounded in length: no account name is that long). */
    private static String key(String value) {
        String key = value == null ? "" : value;
        return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY);
    }

    /**
     * {@code count} failures since {@code since}, the last at {@code last}; locked until {@code lockedUntil} (null: never
     * locked in this run of failures); {@code releaseReported} once its end was returned by {@link #released}.
     */
    private record Failures(int count, Instant since, Instant last, Instant lockedUntil, boolean releaseReported) {

        static Failures none(Instant now) {
            return new Failures(0, now, now, null, false);
        }

        Failures counted(int newCount, Instant now, Instant newLock) {
            return newLock == null ? new Failures(newCount, since, now, lockedUntil, releaseReported)
                    : new Failures(newCount, since, now, newLock, false);
        }

        boolean lockEnded(Instant now) {
            return lockedUntil != null && !releaseReported && !now.isBefore(lockedUntil);
        }

        Failures markReported() {
            return new Failures(count, since, last, lockedUntil, true);
        }

        /** Nothing to remember: not locked, and the last failure and the end of the last lock are older than the longest lock. */
        boolean forgotten(Instant now, Duration maxLock) {
            boolean lockOver = lockedUntil == null || !now.isBefore(lockedUntil);
            boolean releaseDone = lockedUntil == null || releaseReported;
            Instant quietSince = lockedUntil != null && lockedUntil.isAfter(last) ? lockedUntil : last;
            return lockOver && releaseDone && !now.isBefore(quietSince.plus(maxLock));
        }

        /** The address count runs per window of the lock period from its first failure. */
        boolean windowOver(Instant now, Duration period) {
            return (lockedUntil == null || !now.isBefore(lockedUntil)) && !now.isBefore(since.plus(period));
        }
    }
}
