package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.admin.LoginThrottle.Lock;
import nl.hvht.ketenpoort.admin.LoginThrottle.Release;
import nl.hvht.ketenpoort.admin.LoginThrottle.Scope;
import nl.hvht.ketenpoort.admin.LoginThrottleTest.MutableClock;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cluster mode shared: two nodes (two throttles on one database, table inlog_poging) count the same failures, honour
 * the same locks, and each ended lock is reported by one of them only.
 */
class LoginThrottleSharedIT {

    private static final String ADDRESS = "10.0.0.66";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private JdbcTemplate jdbc;
    private LoginThrottle first;
    private LoginThrottle second;

    @BeforeEach
    void twoNodes() {
        DataSource dataSource = TestPostgres.migrated("login_throttle_shared");
        jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        first = throttle(transaction);
        second = throttle(transaction);
    }

    /** 5 failures per name and address, 8 per address, first lock 30 s doubling up to 15 minutes. */
    private LoginThrottle throttle(TransactionTemplate transaction) {
        return new LoginThrottle(5, 8, Duration.ofSeconds(30), Duration.ofMinutes(15), clock, new JdbcLoginFailures(jdbc, transaction));
    }

    @Test
    void failuresOnBothNodesAddUpToOneLockThatBothHonour() {
        assertThat(first.failed("jansen", ADDRESS)).isEmpty();
        assertThat(second.failed("jansen", ADDRESS)).isEmpty();
        assertThat(first.failed("jansen", ADDRESS)).isEmpty();
        assertThat(second.failed("jansen", ADDRESS)).isEmpty();

        assertThat(first.failed("jansen", ADDRESS)).as("the fifth failure, the third on this node")
                .containsExactly(new Lock(Scope.NAAM_EN_ADRES, "jansen", ADDRESS, clock.instant().plusSeconds(30)));
        assertThat(second.locked("jansen", ADDRESS)).as("the other node honours the lock").isTrue();
        assertThat(first.locked("jansen", "10.0.0.1")).isFalse();

        clock.advance(Duration.ofSeconds(30));
        assertThat(second.locked("jansen", ADDRESS)).isFalse();
        List<Release> released = new ArrayList<>(first.released());
        released.addAll(second.released());
        released.addAll(first.released());
        assertThat(released).as("reported once over both nodes")
                .containsExactly(new Release(Scope.NAAM_EN_ADRES, "jansen", ADDRESS));
    }

    @Test
    void anAddressLockCountsEveryNameOnEveryNode() {
        for (int i = 0; i < 7; i++) {
            (i % 2 == 0 ? first : second).failed("naam" + i, ADDRESS);
        }
        assertThat(second.failed("naam7", ADDRESS)).extracting(Lock::scope).containsExactly(Scope.ADRES);
        assertThat(first.locked("iemand-anders", ADDRESS)).isTrue();
    }

    @Test
    void aFullLoginOnOneNodeClearsThePairForBoth() {
        for (int i = 0; i < 4; i++) {
            first.failed("jansen", ADDRESS);
        }
        second.succeeded("jansen", ADDRESS);
        assertThat(first.failed("jansen", ADDRESS)).as("counting starts again").isEmpty();
    }

    @Test
    void concurrentFailuresOnTwoNodesAreAllCounted() {
        CompletableFuture<?>[] attempts = new CompletableFuture<?>[7];
        for (int i = 0; i < attempts.length; i++) {
            LoginThrottle node = i % 2 == 0 ? first : second;
            String naam = "naam" + i;
            attempts[i] = CompletableFuture.runAsync(() -> node.failed(naam, "10.0.0.77"));
        }
        CompletableFuture.allOf(attempts).join();
        assertThat(jdbc.queryForObject("select aantal from inlog_poging where soort = 'ADRES' and adres = '10.0.0.77'", Integer.class))
                .as("no failure lost between the nodes").isEqualTo(7);
    }
}
