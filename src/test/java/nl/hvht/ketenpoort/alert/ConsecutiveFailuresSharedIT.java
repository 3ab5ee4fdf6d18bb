package nl.hvht.ketenpoort.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.cluster.ClusterProperties;
import nl.hvht.ketenpoort.delivery.DeliveryEvent;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cluster mode shared: two nodes' failure streaks (two ConsecutiveFailures on one database, table storing_reeks) are
 * one streak per partner; a success on either node ends it. Local mode stays in memory per node.
 */
class ConsecutiveFailuresSharedIT {

    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;

    @BeforeEach
    void database() {
        DataSource dataSource = TestPostgres.migrated("consecutive_failures_shared");
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private ConsecutiveFailures node(ClusterProperties.Mode mode) {
        return new ConsecutiveFailures(null, new ClusterProperties(mode, "node", Duration.ofSeconds(5), Duration.ofSeconds(20)),
                jdbc, transaction, Clock.systemUTC());
    }

    private static DeliveryEvent.AttemptEnded failed(String partner, String outcome) {
        return new DeliveryEvent.AttemptEnded(partner, false, outcome);
    }

    private static DeliveryEvent.AttemptEnded delivered(String partner) {
        return new DeliveryEvent.AttemptEnded(partner, true, "DELIVERED");
    }

    @Test
    void failuresOnBothNodesAreOneStreakPerPartner() {
        ConsecutiveFailures a = node(ClusterProperties.Mode.SHARED);
        ConsecutiveFailures b = node(ClusterProperties.Mode.SHARED);
        a.attemptEnded(failed("transfore", "HTTP_503"));
        a.attemptEnded(failed("transfore", "HTTP_503"));
        b.attemptEnded(failed("transfore", "TIMEOUT"));
        b.attemptEnded(failed("jusTact", "HTTP_500"));
        a.flush();

        var streaks = b.streaks();

        assertThat(streaks.get("transfore")).isEqualTo(new ConsecutiveFailures.Streak(3, "TIMEOUT"));
        assertThat(streaks.get("jusTact")).isEqualTo(new ConsecutiveFailures.Streak(1, "HTTP_500"));
        assertThat(a.streaks()).isEqualTo(streaks);
    }

    @Test
    void aSuccessOnEitherNodeEndsTheStreakForBoth() {
        ConsecutiveFailures a = node(ClusterProperties.Mode.SHARED);
        ConsecutiveFailures b = node(ClusterProperties.Mode.SHARED);
        a.attemptEnded(failed("transfore", "HTTP_503"));
        a.attemptEnded(failed("transfore", "HTTP_503"));
        a.flush();

        b.attemptEnded(delivered("transfore"));
        b.flush();
        assertThat(a.streaks()).doesNotContainKey("transfore");

        b.attemptEnded(delivered("transfore"));
        b.attemptEnded(failed("transfore", "TIMEOUT"));
        assertThat(a.streaks()).as("b's changes not flushed yet").doesNotContainKey("transfore");
        assertThat(b.streaks().get("transfore")).as("the failure after b's last success")
                .isEqualTo(new ConsecutiveFailures.Streak(1, "TIMEOUT"));
    }

    @Test
    void localModeKeepsTheStreakInMemoryAndWritesNothing() {
        ConsecutiveFailures local = node(ClusterProperties.Mode.LOCAL);
        local.attemptEnded(failed("transfore", "HTTP_503"));
        local.attemptEnded(failed("transfore", "HTTP_503"));
        local.flush();

        assertThat(local.streaks().get("transfore")).isEqualTo(new ConsecutiveFailures.Streak(2, "HTTP_503"));
        assertThat(jdbc.queryForObject("select count(*) from storing_reeks", Integer.class)).isZero();
        local.attemptEnded(delivered("transfore"));
        assertThat(local.streaks()).isEmpty();
    }
}
