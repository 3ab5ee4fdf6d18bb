package nl.hvht.ketenpoort.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * TOTP secrets at rest: encrypted with Spring Security's {@link Encryptors#delux} (AES-256-GCM, key derived by PBKDF2
 * from {@code ketenpoort.admin.inloggen.totp-sleutel}, a random IV per value). The salt is derived from the key, so the
 * key is the only setting. Never logs a secret.
 */
@Component
class TotpSecrets {

    private final TextEncryptor encryptor;

    TotpSecrets(AdminProperties properties) {
        String key = properties.inloggen().totpSleutel();
        this.encryptor = Encryptors.delux(key, salt(key));
    }

    String encrypt(String secret) {
        return encryptor.encrypt(secret);
    }

    String decrypt(String stored) {
        return encryptor.decrypt(stored);
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
