package nl.hvht.ketenpoort.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import nl.hvht.ketenpoort.cluster.ClusterProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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
 * locks by {@link #released} (each once), so the caller audit-logs both. Where the counts live
 * ({@link LoginFailures}): cluster mode {@code local} in memory, per gateway instance, bounded (expired entries are
 * dropped); mode {@code shared} in table {@code inlog_poging} (one row per pair or address, changed under its row lock),
 * so every node counts the same failures and honours the same locks, and each ended lock is handed to one node only.
 *
 * <p>No global lock per user name: that would let anyone lock out anyone. A guesser spread over many addresses is
 * still slowed per address, and a password alone opens nothing (the TOTP code is the second step, throttled the same
 * way). Not a token bucket (Bucket4j, as on the partner API): a bucket refills gradually; a lock must hold for its
 * whole period.
 */
@Component
class LoginThrottle {

    private static final int MAX_KEY = 100;

    /** What a lock covers. */
    enum Scope { NAAM_EN_ADRES, ADRES }

    /** A lock that started: for {@code naam} (null for an address lock) from {@code address}, until {@code until}. */
    record Lock(Scope scope, String naam, String address, Instant until) {
    }

    /** A lock that ended. */
    record Release(Scope scope, String naam, String address) {
    }

    /** What is counted: a name from an address ({@code NAAM_EN_ADRES}) or an address ({@code ADRES}, naam empty). */
    record Key(Scope scope, String naam, String address) {
    }

    private final int maxPerPair;
    private final int maxPerAddress;
    private final Duration firstDelay;
    private final Duration maxLock;
    private final Clock clock;
    private final LoginFailures failures;
    private final Queue<Release> endedLocks = new ConcurrentLinkedQueue<>();

    @Autowired
    LoginThrottle(AdminProperties properties, Clock clock, ClusterProperties cluster, JdbcTemplate jdbc,
            TransactionTemplate transaction) {
        this(properties.login().maxAttempts(), properties.login().maxAttemptsPerAddress(),
                properties.login().delay(), properties.login().lockout(), clock,
                cluster.shared() ? new JdbcLoginFailures(jdbc, transaction) : new MemoryLoginFailures());
    }

    LoginThrottle(int maxPerPair, int maxPerAddress, Duration firstDelay, Duration maxLock, Clock clock) {
        this(maxPerPair, maxPerAddress, firstDelay, maxLock, clock, new MemoryLoginFailures());
    }

    LoginThrottle(int maxPerPair, int maxPerAddress, Duration firstDelay, Duration maxLock, Clock clock, LoginFailures failures) {
        this.failures = failures;
        this.maxPerPair = maxPerPair;
        this.maxPerAddress = maxPerAddress;
        this.firstDelay = firstDelay.compareTo(maxLock) < 0 ? firstDelay : maxLock;
        this.maxLock = maxLock;
        this.clock = clock;
    }

    /** Whether this user name from this address, or this address, is locked now. */
    boolean locked(String naam, String address) {
        Instant now = clock.instant();
        return isLocked(failures.get(pair(naam, address)), now) || isLocked(failures.get(byAddress(address)), now);
    }

    /** Counts a failed attempt; returns the locks it started (none, the pair's, the address's, or both). */
    List<Lock> failed(String naam, String address) {
        Instant now = clock.instant();
        collectReleases(now);
        failures.prune(now, maxLock);
        List<Lock> started = new ArrayList<>(2);
        Key pair = pair(naam, address);
        Instant[] pairBefore = new Instant[1];
        Instant pairAfter = failures.compute(pair, f -> {
            pairBefore[0] = lockOf(f);
            return nextForPair(f, now);
        }).lockedUntil();
        if (pairAfter != null && !pairAfter.equals(pairBefore[0])) {
            started.add(new Lock(Scope.NAAM_EN_ADRES, pair.naam(), pair.address(), pairAfter));
        }
        Key byAddress = byAddress(address);
        Instant[] addressBefore = new Instant[1];
        Instant addressAfter = failures.compute(byAddress, f -> {
            addressBefore[0] = lockOf(f);
            return nextForAddress(f, now);
        }).lockedUntil();
        if (addressAfter != null && !addressAfter.equals(addressBefore[0])) {
            started.add(new Lock(Scope.ADRES, null, byAddress.address(), addressAfter));
        }
        return started;
    }

    /** A full login (password and code): the failures of this name from this address are forgotten, nothing else. */
    void succeeded(String naam, String address) {
        collectReleases(clock.instant());
        failures.remove(pair(naam, address));
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
        for (Key key : failures.reportEndedLocks(now)) {
            endedLocks.add(key.scope() == Scope.ADRES ? new Release(Scope.ADRES, null, key.address())
                    : new Release(Scope.NAAM_EN_ADRES, key.naam(), key.address()));
        }
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

    private static Key pair(String naam, String address) {
        return new Key(Scope.NAAM_EN_ADRES, key(naam), key(address));
    }

    private static Key byAddress(String address) {
        return new Key(Scope.ADRES, "", key(address));
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
    record Failures(int count, Instant since, Instant last, Instant lockedUntil, boolean releaseReported) {

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
