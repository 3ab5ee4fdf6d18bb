package nl.hvht.ketenpoort.admin;

import com.bastiaanjansen.otp.SecretGenerator;
import com.bastiaanjansen.otp.TOTPGenerator;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The second factor: TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s) by the otp-java library. Secrets are base32 text, as
 * authenticator apps take them. A code is accepted for the current time step or one step either side (clock drift);
 * which step matched is returned, so a caller can refuse a code that was used before.
 */
final class Totp {

    static final Duration PERIOD = Duration.ofSeconds(30);
    /** Steps either side of now that still count. */
    static final int DRIFT = 1;

    private Totp() {
    }

    /** A new random secret (160 bits), base32. */
    static String newSecret() {
        return new String(SecretGenerator.generate(), StandardCharsets.US_ASCII);
    }

    /** The time step a code counts for at {@code now}. */
    static long step(Instant now) {
        return now.getEpochSecond() / PERIOD.getSeconds();
    }

    /** The code for a secret at a moment (for enrolment checks and tests). */
    static String code(String secret, Instant at) {
        return generator(secret).at(at);
    }

    /** The time step {@code code} is valid for near {@code now}, if any. */
    static OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        TOTPGenerator generator = generator(secret);
        long current = step(now);
        for (long step = current - DRIFT; step <= current + DRIFT; step++) {
            if (java.security.MessageDigest.isEqual(generator.at(Instant.ofEpochSecond(step * PERIOD.getSeconds()))
                    .getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** {@code otpauth://totp/<issuer>:<naam>?secret=...&issuer=...} for an authenticator app (holds the secret!). */
    static URI uri(String secret, String issuer, String naam) {
        try {
            return generator(secret).getURI(issuer, naam);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("issuer or user name cannot form an otpauth URI", e);
        }
    }

    private static TOTPGenerator generator(String secret) {
        return new TOTPGenerator.Builder(secret.getBytes(StandardCharsets.US_ASCII)).withPeriod(PERIOD).build();
    }
}
