package nl.hvht.ketenpoort.delivery;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery configuration ({@code ketenpoort.delivery}).
 *
 * @param maxAttempts           attempts per recipient before the message is dead-lettered (FAILED)
 * @param redeliveryDelay       broker delay before the second attempt
 * @param redeliveryMultiplier  factor by which the delay grows per attempt (exponential backoff)
 * @param maxRedeliveryDelay    ceiling of the delay
 * @param connectTimeout        TCP/TLS connect timeout towards partners
 * @param responseTimeout       how long a partner may take to answer
 * @param consumersPerRecipient concurrent consumers per recipient queue
 * @param outboxSweepAfter      an ACCEPTED row older than this is (re)queued by the sweeper
 * @param maxHandmatigeHerkansingen how often an administrator may queue one dead-lettered delivery again (each
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
        @NotNull Duration outboxSweepAfter,
        @DefaultValue("3") @Min(0) @Max(20) int maxHandmatigeHerkansingen) {
}
