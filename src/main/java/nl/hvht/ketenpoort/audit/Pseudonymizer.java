package nl.hvht.ketenpoort.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Turns a participant id into a stable pseudonym (HMAC-SHA-256 with a secret key), so audit and consent
 * logs can be searched per participant without holding the id itself.
 *
 * <p>Every pseudonym names the key that made it: {@code p<keyId>-<32 hex>}, where the first key (id {@code 0},
 * {@link AuditProperties#FIRST_KEY_ID}) writes no id, {@code p-<32 hex>}, so the pseudonyms made before key ids existed
 * are exactly the ones it still makes. New records get the current key's pseudonym ({@link #pseudonym}); a search by
 * participant looks for his pseudonym under every configured key ({@link #pseudonyms}), so records made before a
 * rotation are found. The key id is part of the pseudonym text and so of the audit chain hash: nothing about a stored
 * record changes when keys rotate, old records verify as they did. At most 40 characters (the ledger's column).
 */
@Component
public class Pseudonymizer {

    private final Key current;
    /** The current key first, then the previous ones by id. */
    private final List<Key> keys;

    Pseudonymizer(AuditProperties properties) {
        this.current = new Key(properties.pseudonymKeyId(), properties.pseudonymKey());
        List<Key> all = new ArrayList<>();
        all.add(current);
        properties.previousPseudonymKeys().forEach((id, key) -> all.add(new Key(id, key)));
        this.keys = List.copyOf(all);
    }

    /** The participant's pseudonym under the current key: what a new record holds. Null for null. */
    public String pseudonym(String deelnemerId) {
        return deelnemerId == null ? null : current.pseudonym(deelnemerId);
    }

    /**
     * The participant's pseudonyms under every configured key, the current key's first: what a search by participant
     * must look for. Empty for null.
     */
    public List<String> pseudonyms(String deelnemerId) {
        return deelnemerId == null ? List.of() : keys.stream().map(key -> key.pseudonym(deelnemerId)).toList();
    }

    /** One key: its pseudonym prefix and one initialised Mac per thread. */
    private static final class Key {

        private final String prefix;
        /** {@code Mac.getInstance} and {@code init} cost more than the HMAC itself. */
        private final ThreadLocal<Mac> macs;

        Key(String id, String secret) {
            this.prefix = AuditProperties.FIRST_KEY_ID.equals(id) ? "p-" : "p" + id + "-";
            SecretKeySpec spec = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            this.macs = ThreadLocal.withInitial(() -> {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(spec);
                    return mac;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 unavailable", e);
                }
            });
        }

        String pseudonym(String deelnemerId) {
            // doFinal resets the Mac for the next call.
            byte[] digest = macs.get().doFinal(deelnemerId.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        }
    }
}
