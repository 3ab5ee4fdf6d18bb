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

    /** One initialised Mac per thread: {@code Mac.getInstance} and {@code init} cost more than the HMAC itself. */
    private final ThreadLocal<Mac> macs;

    Pseudonymizer(AuditProperties properties) {
        SecretKeySpec key = new SecretKeySpec(properties.pseudonymKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    public String pseudonym(String deelnemerId) {
        if (deelnemerId == null) {
            return null;
        }
        // doFinal resets the Mac for the next call.
        byte[] digest = macs.get().doFinal(deelnemerId.getBytes(StandardCharsets.UTF_8));
        return "p-" + HexFormat.of().formatHex(digest, 0, 16);
    }
}
