package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (base32 below), 8-digit codes end in these 6 digits. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void matchesTheRfc6238TestVectors() {
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
    }

    @Test
    void acceptsTheCurrentCodeAndOneStepEitherSideOnly() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-03-01T10:00:10Z");
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, now), now)).hasValue(step);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, now.minus(Duration.ofSeconds(30))), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, now.plus(Duration.ofSeconds(30))), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "abcdef", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, null, now)).isEmpty();
    }

    @Test
    void aWrongCodeIsRefused() {
        Instant now = Instant.ofEpochSecond(1111111109);
        assertThat(Totp.matchingStep(RFC_SECRET, "081804", now)).isPresent();
        assertThat(Totp.matchingStep(RFC_SECRET, "081805", now)).isEmpty();
        // the code of three steps earlier is out of the window
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(90)), now)).isEmpty();
    }

    @Test
    void newSecretsAreBase32OfAtLeast160BitsAndDiffer() {
        String a = Totp.newSecret();
        assertThat(a).matches("[A-Z2-7]{32,}=*");
        assertThat(Totp.newSecret()).isNotEqualTo(a);
    }

    @Test
    void theOtpauthUriNamesIssuerUserAndSecret() {
        String uri = Totp.uri(RFC_SECRET, "Ketenpoort", "beheerder1").toString();
        assertThat(uri).startsWith("otpauth://totp/").contains("beheerder1").contains("secret=" + RFC_SECRET).contains("issuer=Ketenpoort");
    }

    @Test
    void secretsAreEncryptedAtRestWithARandomIv() {
        TotpSecrets secrets = new TotpSecrets(new AdminProperties(true, 8444, "127.0.0.1",
                new AdminProperties.Login("a-test-key-of-at-least-32-characters!!", null, null, "Ketenpoort", 5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15)),
                new AdminProperties.Enrol(List.of(), Path.of("x"))));
        String one = secrets.encrypt(RFC_SECRET);
        String two = secrets.encrypt(RFC_SECRET);
        assertThat(one).doesNotContain(RFC_SECRET).isNotEqualTo(two);
        assertThat(secrets.decrypt(one)).isEqualTo(RFC_SECRET);
        assertThat(secrets.decrypt(two)).isEqualTo(RFC_SECRET);
    }
}
