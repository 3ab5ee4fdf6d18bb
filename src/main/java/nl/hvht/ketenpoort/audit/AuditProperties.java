package nl.hvht.ketenpoort.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Audit configuration ({@code ketenpoort.audit}).
 *
 * @param pseudonymKey secret key for participant pseudonyms (at least 32 characters; never logged)
 * @param batchSize    most records the writer commits in one transaction
 */
@Validated
@ConfigurationProperties("ketenpoort.audit")
public record AuditProperties(
        @NotBlank @Size(min = 32, message = "must be at least 32 characters") String pseudonymKey,
        @Min(1) @Max(5000) int batchSize) {

    public AuditProperties {
        if (batchSize == 0) {
            batchSize = 500;
        }
    }

    @Override
    public String toString() {
        return "AuditProperties[pseudonymKey=***, batchSize=" + batchSize + "]";
    }
}
