package nl.hvht.ketenpoort.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * TOTP secrets at rest: encrypted with Spring Security's {@link Encryptors#delux} (AES-256-GCM, key derived by PBKDF2
 * from {@code ketenpoort.admin.login.totp-key}, a random IV per value). The salt is derived from the key, so the
 * key is the only setting. Never logs a secret.
 *
 * <p>A stored value names the key that encrypted it: {@code <keyId>:<hex>}. A value without an id (plain hex, as stored
 * before key ids existed) was encrypted by the first key, id {@code 0}. Decryption takes the key of the named id, the
 * current one ({@code totp-key-id}) or a previous one ({@code previous-totp-keys}); no key is guessed.
 */
@Component
class TotpSecrets {

    private final String currentId;
    private final Map<String, TextEncryptor> byId = new LinkedHashMap<>();

    TotpSecrets(AdminProperties properties) {
        AdminProperties.Login inloggen = properties.login();
        this.currentId = inloggen.totpKeyId();
        byId.put(currentId, encryptor(inloggen.totpKey()));
        inloggen.previousTotpKeys().forEach((id, key) -> byId.put(id, encryptor(key)));
    }

    /** Under the current key, with its id. */
    String encrypt(String secret) {
        return currentId + ":" + byId.get(currentId).encrypt(secret);
    }

    /**
     * The secret, decrypted with the key its stored value names.
     *
     * @throws IllegalStateException when that key id is not configured or the key does not decrypt it (no value in the
     *                               message)
     */
    String decrypt(String stored) {
        String id = keyId(stored);
        TextEncryptor encryptor = byId.get(id);
        if (encryptor == null) {
            throw new IllegalStateException("TOTP secret encrypted under key id " + id + ", which is not configured"
                    + " (ketenpoort.admin.login.previous-totp-keys." + id + ")");
        }
        try {
            return encryptor.decrypt(stored.substring(stored.indexOf(':') + 1));
        } catch (RuntimeException e) {
            throw new IllegalStateException("TOTP secret does not decrypt with the key configured as id " + id);
        }
    }

    /** Whether a stored value is under the current key and names it (nothing to re-encrypt). */
    boolean current(String stored) {
        return stored.indexOf(':') >= 0 && keyId(stored).equals(currentId);
    }

    /** The id of the key a stored value names; {@code 0} for a value from before key ids. */
    static String keyId(String stored) {
        int colon = stored.indexOf(':');
        return colon < 0 ? AdminProperties.Login.FIRST_KEY_ID : stored.substring(0, colon);
    }

    /** The id new values are encrypted under. */
    String currentId() {
        return currentId;
    }

    private static TextEncryptor encryptor(String key) {
        return Encryptors.delux(key, salt(key));
    }

    private static String salt(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("ketenpoort-totp-salt:" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
