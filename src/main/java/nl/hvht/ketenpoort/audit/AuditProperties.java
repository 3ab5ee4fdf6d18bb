package nl.hvht.ketenpoort.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Audit configuration ({@code ketenpoort.audit}).
 *
 * @param pseudonymKey           secret key for participant pseudonyms (at least 32 characters; never logged)
 * @param pseudonymKeyId         id of that key, 1-6 of {@code a-z0-9} (default {@code 0}: the key from before key ids
 *                               existed); every pseudonym names the id of the key that made it (see {@link Pseudonymizer})
 * @param previousPseudonymKeys  earlier pseudonym keys by id, kept after a rotation so that records made under them are
 *                               still found by participant (each at least 32 characters; never logged); default none
 * @param batchSize              most records the writer commits in one transaction (default 500)
 * @param recordTimeout          longest a caller of {@link AuditLog#record} waits for the commit before it
 *                               gets an {@link AuditUnavailableException} (default 10s)
 */
@Validated
@ConfigurationProperties("ketenpoort.audit")
public record AuditProperties(
        @NotBlank @Size(min = 32, message = "must be at least 32 characters") String pseudonymKey,
        String pseudonymKeyId,
        Map<String, String> previousPseudonymKeys,
        @Min(1) @Max(5000) int batchSize,
        Duration recordTimeout) {

    /** The id of the key pseudonyms were made with before key ids existed; its pseudonyms keep the form {@code p-<hex>}. */
    public static final String FIRST_KEY_ID = "0";
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,6}");

    @ConstructorBinding
    public AuditProperties {
        if (pseudonymKeyId == null || pseudonymKeyId.isBlank()) {
            pseudonymKeyId = FIRST_KEY_ID;
        }
        if (!KEY_ID.matcher(pseudonymKeyId).matches()) {
            throw new IllegalArgumentException("ketenpoort.audit.pseudonym-key-id must be 1-6 characters a-z or 0-9");
        }
        SortedMap<String, String> previous = new TreeMap<>(previousPseudonymKeys == null ? Map.of() : previousPseudonymKeys);
        for (Map.Entry<String, String> key : previous.entrySet()) {
            String setting = "ketenpoort.audit.previous-pseudonym-keys." + key.getKey();
            if (!KEY_ID.matcher(key.getKey()).matches()) {
                throw new IllegalArgumentException("ketenpoort.audit.previous-pseudonym-keys: key ids must be 1-6 characters a-z or 0-9");
            }
            if (key.getKey().equals(pseudonymKeyId)) {
                throw new IllegalArgumentException(setting + " has the id of the current key (ketenpoort.audit.pseudonym-key-id):"
                        + " a rotated key needs a new id");
            }
            if (key.getValue() == null || key.getValue().length() < 32) {
                throw new IllegalArgumentException(setting + " must be at least 32 characters");
            }
            if (key.getValue().equals(pseudonymKey)) {
                throw new IllegalArgumentException(setting + " is the current key: a rotation needs a new key");
            }
        }
        previousPseudonymKeys = Collections.unmodifiableSortedMap(previous);
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

    /** The first key only (id {@code 0}, no previous keys). */
    public AuditProperties(String pseudonymKey, int batchSize, Duration recordTimeout) {
        this(pseudonymKey, null, null, batchSize, recordTimeout);
    }

    /** The first key only, with the default record timeout. */
    public AuditProperties(String pseudonymKey, int batchSize) {
        this(pseudonymKey, batchSize, null);
    }

    @Override
    public String toString() {
        return "AuditProperties[pseudonymKey=***, pseudonymKeyId=" + pseudonymKeyId + ", previousPseudonymKeys="
                + previousPseudonymKeys.keySet() + "=***, batchSize=" + batchSize + ", recordTimeout=" + recordTimeout + "]";
    }
}
