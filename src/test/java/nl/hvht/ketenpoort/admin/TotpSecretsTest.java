package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** TOTP secrets name the key that encrypted them; a rotation decrypts with the named previous key, never by guessing. */
class TotpSecretsTest {

    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final String OLD_KEY = "old-totp-key-t8Wq2Ls5Dk9Vx1Mz4Rb7Nc0G";
    private static final String NEW_KEY = "new-totp-key-Q3v9Zk1mR8sT2wXy5bN7cF4h";

    static AdminProperties properties(String key, String id, Map<String, String> previous) {
        return new AdminProperties(true, 8444, "127.0.0.1",
                new AdminProperties.Login(key, id, previous, "Ketenpoort", 5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15)),
                new AdminProperties.Enrol(List.of(), Path.of("x")));
    }

    private static TotpSecrets firstKey() {
        return new TotpSecrets(properties(OLD_KEY, null, null));
    }

    private static TotpSecrets rotated() {
        return new TotpSecrets(properties(NEW_KEY, "1", Map.of("0", OLD_KEY)));
    }

    @Test
    void storedValuesNameTheKeyThatEncryptedThem() {
        assertThat(firstKey().encrypt(SECRET)).startsWith("0:").doesNotContain(SECRET);
        assertThat(rotated().encrypt(SECRET)).startsWith("1:").doesNotContain(SECRET);
        assertThat(rotated().currentId()).isEqualTo("1");
        assertThat(TotpSecrets.keyId("1:abcdef")).isEqualTo("1");
    }

    @Test
    void aValueFromBeforeKeyIdsIsTheFirstKeys() {
        String legacy = firstKey().encrypt(SECRET).substring("0:".length());
        assertThat(TotpSecrets.keyId(legacy)).isEqualTo("0");
        assertThat(firstKey().decrypt(legacy)).isEqualTo(SECRET);
        assertThat(firstKey().current(legacy)).as("names no key: to be rewritten").isFalse();
        assertThat(rotated().decrypt(legacy)).isEqualTo(SECRET);
    }

    @Test
    void afterARotationOldValuesDecryptWithThePreviousKeyAndNewOnesWithTheCurrent() {
        String old = firstKey().encrypt(SECRET);
        TotpSecrets rotated = rotated();
        String renewed = rotated.encrypt(rotated.decrypt(old));

        assertThat(rotated.current(old)).isFalse();
        assertThat(rotated.current(renewed)).isTrue();
        assertThat(rotated.decrypt(renewed)).isEqualTo(SECRET);
        // Once re-encrypted, the previous key is no longer needed.
        assertThat(new TotpSecrets(properties(NEW_KEY, "1", null)).decrypt(renewed)).isEqualTo(SECRET);
    }

    @Test
    void aValueUnderAnUnconfiguredOrWrongKeyIsRefusedWithoutShowingIt() {
        String old = firstKey().encrypt(SECRET);
        assertThatThrownBy(() -> new TotpSecrets(properties(NEW_KEY, "1", null)).decrypt(old))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TOTP secret encrypted under key id 0, which is not configured (ketenpoort.admin.login.previous-totp-keys.0)");
        assertThatThrownBy(() -> new TotpSecrets(properties(NEW_KEY, "1", Map.of("0", "another-totp-key-Pw7x2Kq9Lm4Zr1Vb3n8J"))).decrypt(old))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TOTP secret does not decrypt with the key configured as id 0")
                .hasNoCause();
    }

    @Test
    void theConfigurationRefusesARotationThatIsNoneAndHidesTheKeys() {
        assertThatThrownBy(() -> properties(NEW_KEY, "1", Map.of("1", OLD_KEY)))
                .hasMessageContaining("previous-totp-keys.1 has the id of the current key");
        assertThatThrownBy(() -> properties(NEW_KEY, "1", Map.of("0", NEW_KEY)))
                .hasMessage("ketenpoort.admin.login.previous-totp-keys.0 is the current key: a rotation needs a new key");
        assertThatThrownBy(() -> properties(NEW_KEY, "1", Map.of("0", "short")))
                .hasMessage("ketenpoort.admin.login.previous-totp-keys.0 must be at least 32 characters");
        assertThat(properties(NEW_KEY, "1", Map.of("0", OLD_KEY)).login().toString())
                .contains("totpKeyId=1", "[0]").doesNotContain(NEW_KEY).doesNotContain(OLD_KEY);
    }

    @Test
    void bindsTheKeyIdAndPreviousKeysFromEnvironmentVariables() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "KETENPOORT_ADMIN_LOGIN_TOTPKEY", NEW_KEY, "KETENPOORT_ADMIN_LOGIN_TOTPKEYID", "1",
                "KETENPOORT_ADMIN_LOGIN_PREVIOUSTOTPKEYS_0", OLD_KEY)));
        AdminProperties bound = new Binder(ConfigurationPropertySources.get(environment)).bind("ketenpoort.admin", AdminProperties.class).get();

        assertThat(bound.login().totpKeyId()).isEqualTo("1");
        assertThat(bound.login().previousTotpKeys()).containsExactly(Map.entry("0", OLD_KEY));
        AdminProperties defaults = new Binder(ConfigurationPropertySources.get(new StandardEnvironment() {
            {
                getPropertySources().replace(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                        SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("KETENPOORT_ADMIN_LOGIN_TOTPKEY", NEW_KEY)));
            }
        })).bind("ketenpoort.admin", AdminProperties.class).get();
        assertThat(defaults.login().totpKeyId()).isEqualTo("0");
        assertThat(defaults.login().previousTotpKeys()).isEmpty();
    }
}
