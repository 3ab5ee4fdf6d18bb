package nl.hvht.ketenpoort.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ProductionSecretsTest {

    private static final String PSEUDONYM_KEY = "ketenpoort.audit.pseudonym-key";
    private static final String TOTP_KEY = "ketenpoort.admin.login.totp-key";
    private static final String DB_PASSWORD = "spring.datasource.password";
    private static final String BROKER_PASSWORD = "spring.artemis.password";
    private static final String WEBHOOK_TOKEN = "ketenpoort.alert.webhook.token";
    private static final String PREVIOUS_PSEUDONYM_KEYS = "ketenpoort.audit.previous-pseudonym-keys";
    private static final String PREVIOUS_TOTP_KEYS = "ketenpoort.admin.login.previous-totp-keys";

    private static Map<String, String> strong() {
        Map<String, String> values = new HashMap<>();
        values.put(PSEUDONYM_KEY, "Q3v9Zk1mR8sT2wXy5bN7cF4hJ6pL0aE1gU3iO5");
        values.put(TOTP_KEY, "t8Wq2Ls5Dk9Vx1Mz4Rb7Nc0Gf3Hj6Pa2Ye5Ku8");
        values.put(DB_PASSWORD, "db-Pw7x2Kq9Lm4Zr1");
        values.put(BROKER_PASSWORD, "mq-Vb3n8Jk5Hs2Dq6");
        return values;
    }

    private static UnsafeSecretsException refusal(Map<String, String> values) {
        return catchThrowableOfType(UnsafeSecretsException.class,
                () -> ProductionSecrets.check(new Binder(new MapConfigurationPropertySource(values)), ProductionSecrets.demoValues()));
    }

    @Test
    void startsWithEveryRequiredSecretSetAndStrong() {
        assertThatCode(() -> ProductionSecrets.check(new Binder(new MapConfigurationPropertySource(strong())),
                ProductionSecrets.demoValues())).doesNotThrowAnyException();
    }

    @Test
    void anUnresolvedPlaceholderIsRefusedNamingTheSettingAndItsVariable() {
        Map<String, String> values = strong();
        values.put(TOTP_KEY, "${KETENPOORT_ADMIN_TOTP_SLEUTEL}");

        assertThat(refusal(values).problems())
                .containsExactly(TOTP_KEY + " is not set: environment variable KETENPOORT_ADMIN_TOTP_SLEUTEL is missing");
    }

    @Test
    void anAbsentOrEmptyRequiredSecretIsRefused() {
        Map<String, String> values = strong();
        values.remove(DB_PASSWORD);
        values.put(BROKER_PASSWORD, "  ");

        assertThat(refusal(values).problems()).containsExactly(DB_PASSWORD + " is not set", BROKER_PASSWORD + " is empty");
    }

    @Test
    void theDemoValuesOfApplicationYmlAreRefused() {
        Map<String, Set<String>> demo = ProductionSecrets.demoValues();
        assertThat(demo.get(PSEUDONYM_KEY)).isNotEmpty();
        assertThat(demo.get(TOTP_KEY)).isNotEmpty();
        Map<String, String> values = strong();
        values.put(PSEUDONYM_KEY, demo.get(PSEUDONYM_KEY).iterator().next());
        values.put(TOTP_KEY, demo.get(TOTP_KEY).iterator().next());

        UnsafeSecretsException refused = refusal(values);

        assertThat(refused.problems()).containsExactly(PSEUDONYM_KEY + " is the demo value from application.yml",
                TOTP_KEY + " is the demo value from application.yml");
        assertThat(refused.getMessage()).doesNotContain(values.get(PSEUDONYM_KEY)).doesNotContain(values.get(TOTP_KEY));
    }

    @Test
    void aValueTooWeakForItsUseIsRefusedWithoutShowingIt() {
        Map<String, String> values = strong();
        values.put(PSEUDONYM_KEY, "Sh0rt-but-set-key");
        values.put(TOTP_KEY, "ab".repeat(20));
        values.put(DB_PASSWORD, "Pw7x2Kq9");

        UnsafeSecretsException refused = refusal(values);

        assertThat(refused.problems()).containsExactly(
                PSEUDONYM_KEY + " is too short for a key: at least 32 characters",
                TOTP_KEY + " is too weak for a key: at least 8 different characters",
                DB_PASSWORD + " is too short for a password: at least 16 characters");
        assertThat(refused.getMessage()).doesNotContain("Sh0rt-but-set-key").doesNotContain("abab").doesNotContain("Pw7x2Kq9");
    }

    @Test
    void oneValueForTwoSecretsIsRefused() {
        Map<String, String> values = strong();
        values.put(TOTP_KEY, values.get(PSEUDONYM_KEY));

        assertThat(refusal(values).problems())
                .containsExactly(TOTP_KEY + " is the same as " + PSEUDONYM_KEY + ": every secret must be its own");
    }

    @Test
    void theWebhookTokenIsOptionalButCheckedWhenSet() {
        Map<String, String> values = strong();
        assertThatCode(() -> ProductionSecrets.check(new Binder(new MapConfigurationPropertySource(values)),
                Map.of())).doesNotThrowAnyException();

        values.put(WEBHOOK_TOKEN, "${KETENPOORT_ALERT_WEBHOOK_TOKEN}");
        assertThat(refusal(values).problems())
                .containsExactly(WEBHOOK_TOKEN + " is not set: environment variable KETENPOORT_ALERT_WEBHOOK_TOKEN is missing");
        values.put(WEBHOOK_TOKEN, "token");
        assertThat(refusal(values).problems()).containsExactly(WEBHOOK_TOKEN + " is too short for a password: at least 16 characters");
    }

    @Test
    void theStartUpReportNamesEverySettingAndWhatToDo() {
        Map<String, String> values = strong();
        values.put(PSEUDONYM_KEY, "${KETENPOORT_AUDIT_PSEUDONYM_KEY}");
        values.put(BROKER_PASSWORD, "Pw7x2Kq9");

        FailureAnalysis analysis = new UnsafeSecretsFailureAnalyzer().analyze(refusal(values));

        assertThat(analysis.getDescription()).contains(PSEUDONYM_KEY, "KETENPOORT_AUDIT_PSEUDONYM_KEY", BROKER_PASSWORD)
                .doesNotContain("Pw7x2Kq9");
        assertThat(analysis.getAction()).contains("openssl rand");
    }

    @Test
    void previousKeysOfARotationAreOptionalButEachIsCheckedAsTheKeyItRotated() {
        Map<String, String> values = strong();
        values.put(PREVIOUS_PSEUDONYM_KEYS + ".0", "Lm4Zr1Vb3n8Jk5Hs2Dq6Pw7x2Kq9Q3v9Zk1mR8");
        values.put(PREVIOUS_TOTP_KEYS + ".0", "Hj6Pa2Ye5Ku8t8Wq2Ls5Dk9Vx1Mz4Rb7Nc0Gf3");
        assertThatCode(() -> ProductionSecrets.check(new Binder(new MapConfigurationPropertySource(values)),
                ProductionSecrets.demoValues())).doesNotThrowAnyException();

        Map<String, Set<String>> demo = ProductionSecrets.demoValues();
        values.put(PREVIOUS_PSEUDONYM_KEYS + ".0", demo.get(PSEUDONYM_KEY).iterator().next());
        values.put(PREVIOUS_PSEUDONYM_KEYS + ".1", "${KETENPOORT_AUDIT_PREVIOUSPSEUDONYMKEYS_1}");
        values.put(PREVIOUS_TOTP_KEYS + ".0", "Sh0rt-but-set-key");
        values.put(PREVIOUS_TOTP_KEYS + ".a1", demo.get(TOTP_KEY).iterator().next());

        UnsafeSecretsException refused = refusal(values);

        assertThat(refused.problems()).containsExactly(
                PREVIOUS_PSEUDONYM_KEYS + ".0 is the demo value from application.yml",
                PREVIOUS_PSEUDONYM_KEYS + ".1 is not set: environment variable KETENPOORT_AUDIT_PREVIOUSPSEUDONYMKEYS_1 is missing",
                PREVIOUS_TOTP_KEYS + ".0 is too short for a key: at least 32 characters",
                PREVIOUS_TOTP_KEYS + ".a1 is the demo value from application.yml");
        assertThat(refused.getMessage()).doesNotContain("Sh0rt-but-set-key").doesNotContain(demo.get(PSEUDONYM_KEY).iterator().next());
    }

    @Test
    void aPreviousKeyEqualToACurrentSecretIsRefused() {
        Map<String, String> values = strong();
        values.put(PREVIOUS_PSEUDONYM_KEYS + ".0", values.get(PSEUDONYM_KEY));
        values.put(PREVIOUS_TOTP_KEYS + ".0", values.get(PSEUDONYM_KEY));

        assertThat(refusal(values).problems()).containsExactly(
                PREVIOUS_PSEUDONYM_KEYS + ".0 is the same as " + PSEUDONYM_KEY + ": every secret must be its own",
                PREVIOUS_TOTP_KEYS + ".0 is the same as " + PSEUDONYM_KEY + ": every secret must be its own");
    }
}
