package nl.hvht.ketenpoort.cluster;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Several nodes ({@code ketenpoort.cluster}).
 *
 * @param mode        {@code local}: login throttle and failure streaks in memory, partner limits whole on this node (one
 *                    node: exact, no database work); {@code shared}: both in the database and the partner limits divided
 *                    by the live nodes (every node of a cluster must say {@code shared})
 * @param nodeId      this node's name in {@code knooppunt} and on its locks: unique per node, the same across restarts
 *                    (default the delivery lease name {@code ketenpoort.delivery.node-id})
 * @param heartbeat   how often a node in shared mode writes that it is alive and counts the others
 * @param nodeTimeout a node whose last heartbeat is older is no longer counted (at least twice the heartbeat)
 */
@Validated
@ConfigurationProperties("ketenpoort.cluster")
public record ClusterProperties(
        @DefaultValue("local") @NotNull Mode mode,
        @DefaultValue("ketenpoort") @NotBlank @Size(max = 100) String nodeId,
        @DefaultValue("5s") @NotNull Duration heartbeat,
        @DefaultValue("20s") @NotNull Duration nodeTimeout) {

    /** Where the per-node state lives. */
    public enum Mode { LOCAL, SHARED }

    public ClusterProperties {
        if (heartbeat != null && (heartbeat.isNegative() || heartbeat.isZero())) {
            throw new IllegalArgumentException("ketenpoort.cluster.heartbeat must be positive");
        }
        if (heartbeat != null && nodeTimeout != null && nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("ketenpoort.cluster.node-timeout must be at least twice ketenpoort.cluster.heartbeat");
        }
    }

    /** Whether the counters are shared through the database. */
    public boolean shared() {
        return mode == Mode.SHARED;
    }
}
