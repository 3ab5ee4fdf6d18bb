package nl.hvht.ketenpoort.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Turns a participant id into a stable pseudonym (HMAC-SHA-256 with a secret key), so audit and consent
 * logs can be searched per participant without holding the id itself.
 */
@Component
public class Pseudonymizer {

    private final SecretKeySpec key;

    Pseudonymizer(AuditProperties properties) {
        this.key = new SecretKeySpec(properties.pseudonymKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String pseudonym(String deelnemerId) {
        if (deelnemerId == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(deelnemerId.getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
