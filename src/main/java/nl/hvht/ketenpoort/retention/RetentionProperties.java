package nl.hvht.ketenpoort.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retention ({@code ketenpoort.retention}).
 *
 * @param enabled     run the daily retention route
 * @param contentDays days after which the content of a message whose deliveries all settled is removed
 * @param auditYears  years audit records (and with them the consent log) are kept: at least 5; the gateway removes
 *                    neither, this states the policy and refuses a shorter one
 * @param period      how often the retention route runs (default daily)
 * @param batchSize   messages per transaction
 */
@Validated
@ConfigurationProperties("ketenpoort.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30") @Min(value = 1, message = "ketenpoort.retention.content-days must be at least 1") @Max(3650) int contentDays,
        @DefaultValue("7") @Min(value = 5, message = "ketenpoort.retention.audit-years must be at least 5: audit records are kept at least five years")
        int auditYears,
        @DefaultValue("1d") @NotNull Duration period,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize) {

    public RetentionProperties {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("ketenpoort.retention.period must be positive");
        }
    }
}
