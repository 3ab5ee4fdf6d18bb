package nl.hvht.ketenpoort.delivery;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery configuration ({@code ketenpoort.delivery}).
 *
 * @param maxAttempts           attempts per recipient (per round: a manual retry starts a new round) before the delivery
 *                              is FAILED (dead letter); an attempt whose outcome a crash lost is repeated once more
 * @param redeliveryDelay       delay before the second attempt
 * @param redeliveryMultiplier  factor by which the delay grows per attempt (exponential backoff)
 * @param maxRedeliveryDelay    ceiling of the delay
 * @param connectTimeout        TCP/TLS connect timeout towards partners
 * @param responseTimeout       how long a partner may take to answer
 * @param consumersPerRecipient delivery workers per recipient, each claiming its own batches
 * @param batchSize             deliveries one worker claims at once (and posts concurrently)
 * @param maxConcurrentPosts    POSTs under way at once over all recipients
 * @param pollInterval          how often an idle worker looks in the ledger without being woken (safety net: intake
 *                              and retries wake it directly)
 * @param nodeId                this gateway node's name on its attempt leases: unique per node, the same across its
 *                              restarts (a restarted node repeats its own unfinished attempts at once); default the host
 *                              name
 * @param maxManualRetries      how often an administrator may queue one dead-lettered delivery again (each
 *                              time with {@code maxAttempts} attempts); beyond it HERKANSING_LIMIET_BEREIKT (default 3)
 */
@Validated
@ConfigurationProperties("ketenpoort.delivery")
public record DeliveryProperties(
        @Min(1) @Max(100) int maxAttempts,
        @NotNull Duration redeliveryDelay,
        @DecimalMin("1.0") double redeliveryMultiplier,
        @NotNull Duration maxRedeliveryDelay,
        @NotNull Duration connectTimeout,
        @NotNull Duration responseTimeout,
        @Min(1) @Max(50) int consumersPerRecipient,
        @DefaultValue("32") @Min(1) @Max(500) int batchSize,
        @DefaultValue("128") @Min(1) @Max(2000) int maxConcurrentPosts,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("ketenpoort") @NotBlank String nodeId,
        @DefaultValue("3") @Min(0) @Max(20) int maxManualRetries) {

    /** How long an attempt's lease lasts: longer than any attempt can take, so no live attempt is claimed twice. */
    public Duration lease() {
        return connectTimeout.plus(responseTimeout).multipliedBy(2).plusSeconds(10);
    }

    /** The delay before attempt {@code n + 1} after attempt {@code n} of a round failed. */
    Duration backoff(int attemptOfRound) {
        double millis = redeliveryDelay.toMillis() * Math.pow(redeliveryMultiplier, Math.max(0, attemptOfRound - 1));
        return Duration.ofMillis((long) Math.min(millis, maxRedeliveryDelay.toMillis()));
    }
}
