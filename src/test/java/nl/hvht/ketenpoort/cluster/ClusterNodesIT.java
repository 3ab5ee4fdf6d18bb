package nl.hvht.ketenpoort.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two nodes on one database count each other from their heartbeats; one node alone (local mode) counts 1 for free. */
class ClusterNodesIT {

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        DataSource dataSource = TestPostgres.migrated("cluster_nodes");
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void twoLiveNodesCountTwoAndOneThatLeavesIsNoLongerCounted() {
        ClusterNodes a = new ClusterNodes(jdbc, ClusterLockIT.properties("node-a"));
        ClusterNodes b = new ClusterNodes(jdbc, ClusterLockIT.properties("node-b"));
        a.start();
        b.start();
        a.beat();

        assertThat(a.liveNodes()).isEqualTo(2);
        assertThat(b.liveNodes()).isEqualTo(2);

        b.stop();
        a.beat();
        assertThat(a.liveNodes()).as("b stopped and removed its heartbeat").isEqualTo(1);
        a.stop();
        assertThat(jdbc.queryForObject("select count(*) from knooppunt", Integer.class)).isZero();
    }

    @Test
    void aNodeWhoseHeartbeatIsOlderThanTheTimeoutIsNotCounted() {
        ClusterNodes a = new ClusterNodes(jdbc, ClusterLockIT.properties("node-a"));
        jdbc.update("insert into knooppunt (node_id, instantie, gestart_op, gezien_op) values ('node-dood', 'x', now(), now() - interval '21 seconds')");

        a.beat();

        assertThat(a.liveNodes()).as("node-dood was killed 21 s ago, timeout 20 s").isEqualTo(1);
    }

    @Test
    void inLocalModeThereIsOneNodeAndNoHeartbeat() {
        ClusterNodes local = new ClusterNodes(jdbc, new ClusterProperties(ClusterProperties.Mode.LOCAL, "ketenpoort",
                Duration.ofSeconds(5), Duration.ofSeconds(20)));
        local.start();

        assertThat(local.liveNodes()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from knooppunt", Integer.class)).isZero();
        local.stop();
    }
}
