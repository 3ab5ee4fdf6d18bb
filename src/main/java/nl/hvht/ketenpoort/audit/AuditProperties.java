package nl.hvht.ketenpoort.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Audit configuration ({@code ketenpoort.audit}).
 *
 * @param pseudonymKey  secret key for participant pseudonyms (at least 32 characters; never logged)
 * @param batchSize     most records the writer commits in one transaction (default 500)
 * @param recordTimeout longest a caller of {@link AuditLog#record} waits for the commit before it
 *                      gets an {@link AuditUnavailableException} (default 10s)
 */
@Validated
@ConfigurationProperties("ketenpoort.audit")
public record AuditProperties(
        @NotBlank @Size(min = 32, message = "must be at least 32 characters") String pseudonymKey,
        @Min(1) @Max(5000) int batchSize,
        Duration recordTimeout) {

    @ConstructorBinding
    public AuditProperties {
        if (batchSize == 0) {
            batchSize = 500;
        }
        if (recordTimeout == null) {
            recordTimeout = Duration.ofSeconds(10);
        }
        if (recordTimeout.isNegative() || recordTimeout.isZero()) {
            throw new IllegalArgumentException("ketenpoort.audit.record-timeout must be positive");
        }
    }

    /** With the default record timeout. */
    public AuditProperties(String pseudonymKey, int batchSize) {
        this(pseudonymKey, batchSize, null);
    }

    @Override
    public String toString() {
        return "AuditProperties[pseudonymKey=***, batchSize=" + batchSize + ", recordTimeout=" + recordTimeout + "]";
    }
}
