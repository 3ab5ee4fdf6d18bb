package nl.hvht.ketenpoort.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retention ({@code ketenpoort.retentie}).
 *
 * @param enabled     run the daily retention route
 * @param inhoudDagen days after which the content of a message whose deliveries all settled is removed
 * @param auditJaren  years audit records (and with them the consent log) are kept: at least 5; the gateway removes
 *                    neither, this states the policy and refuses a shorter one
 * @param periode     how often the retention route runs (default daily)
 * @param batch       messages per transaction
 */
@Validated
@ConfigurationProperties("ketenpoort.retentie")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30") @Min(value = 1, message = "ketenpoort.retentie.inhoud-dagen must be at least 1") @Max(3650) int inhoudDagen,
        @DefaultValue("7") @Min(value = 5, message = "ketenpoort.retentie.audit-jaren must be at least 5: audit records are kept at least five years")
        int auditJaren,
        @DefaultValue("1d") @NotNull Duration periode,
        @DefaultValue("500") @Min(1) @Max(10_000) int batch) {

    public RetentionProperties {
        if (periode.isNegative() || periode.isZero()) {
            throw new IllegalArgumentException("ketenpoort.retentie.periode must be positive");
        }
    }
}
