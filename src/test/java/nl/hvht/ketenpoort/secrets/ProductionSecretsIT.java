package nl.hvht.ketenpoort.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import nl.hvht.ketenpoort.KetenpoortApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The prod profile ({@code --spring.profiles.active=prod}, application-prod.yml) with each secret's environment variable
 * missing or set to the demo value: start-up stops, the report names the setting, and the value appears nowhere in the
 * output. Every case on a Spring application of {@link ProductionSecrets} alone (the same configuration files,
 * environment post-processors and failure analyzer as the gateway, no component scan, no auto-configuration); one case
 * on the real gateway, which finds the check by its component scan (no database or broker is needed: the check comes
 * before any bean).
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSecretsIT {

    private static final String DEMO_PSEUDONYM_KEY = "demo-only-pseudonym-key-change-me-0123456789";
    private static final String DEMO_TOTP_KEY = "demo-only-totp-key-change-me-0123456789";

    /** The environment variables application-prod.yml reads, set as an operator would. */
    private static Map<String, Object> environment() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("KETENPOORT_AUDIT_PSEUDONYM_KEY", "Q3v9Zk1mR8sT2wXy5bN7cF4hJ6pL0aE1gU3iO5");
        variables.put("KETENPOORT_ADMIN_TOTP_SLEUTEL", "t8Wq2Ls5Dk9Vx1Mz4Rb7Nc0Gf3Hj6Pa2Ye5Ku8");
        variables.put("KETENPOORT_DB_PASSWORD", "db-Pw7x2Kq9Lm4Zr1");
        variables.put("KETENPOORT_BROKER_PASSWORD", "mq-Vb3n8Jk5Hs2Dq6");
        return variables;
    }

    static Stream<Arguments> unsafe() {
        return Stream.of(
                Arguments.of("KETENPOORT_AUDIT_PSEUDONYM_KEY", null, "ketenpoort.audit.pseudonym-key is not set"),
                Arguments.of("KETENPOORT_AUDIT_PSEUDONYM_KEY", DEMO_PSEUDONYM_KEY, "ketenpoort.audit.pseudonym-key is the demo value"),
                Arguments.of("KETENPOORT_ADMIN_TOTP_SLEUTEL", null, "ketenpoort.admin.login.totp-key is not set"),
                Arguments.of("KETENPOORT_ADMIN_TOTP_SLEUTEL", DEMO_TOTP_KEY, "ketenpoort.admin.login.totp-key is the demo value"),
                Arguments.of("KETENPOORT_DB_PASSWORD", null, "spring.datasource.password is not set"),
                Arguments.of("KETENPOORT_DB_PASSWORD", "", "spring.datasource.password is empty"),
                Arguments.of("KETENPOORT_BROKER_PASSWORD", null, "spring.artemis.password is not set"),
                // the compose file's former default
                Arguments.of("KETENPOORT_BROKER_PASSWORD", "ketenpoort-demo", "spring.artemis.password is too short"),
                // optional, but checked when set (an operator sets KETENPOORT_ALERT_WEBHOOK_TOKEN: relaxed binding)
                Arguments.of("ketenpoort.alert.webhook.token", "Sh0rtT0ken", "ketenpoort.alert.webhook.token is too short"),
                // previous keys of a key rotation: optional, checked when set, as the key they rotated
                Arguments.of("ketenpoort.audit.previous-pseudonym-keys.0", DEMO_PSEUDONYM_KEY,
                        "ketenpoort.audit.previous-pseudonym-keys.0 is the demo value"),
                Arguments.of("ketenpoort.admin.login.previous-totp-keys.0", "ab".repeat(20),
                        "ketenpoort.admin.login.previous-totp-keys.0 is too weak for a key"));
    }

    /** ProductionSecrets and nothing else: what the gateway runs before its first bean, in a second instead of a boot. */
    @Configuration(proxyBeanMethods = false)
    @Import(ProductionSecrets.class)
    static class SecretsOnly {
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("unsafe")
    void prodRefusesToStartWithAMissingOrDemoSecret(String variable, String value, String expected, CapturedOutput output) {
        Map<String, Object> variables = environment();
        if (value == null) {
            variables.remove(variable);
        } else {
            variables.put(variable, value);
        }

        Throwable refused = catchThrowable(() -> new SpringApplicationBuilder(SecretsOnly.class).web(WebApplicationType.NONE)
                .profiles("prod").properties(variables).run().close());

        assertRefused(refused, expected, value, output);
    }

    @Test
    void theGatewayItselfRefusesToStartInProdWithADemoSecret(CapturedOutput output) {
        Map<String, Object> variables = environment();
        variables.put("KETENPOORT_AUDIT_PSEUDONYM_KEY", DEMO_PSEUDONYM_KEY);

        Throwable refused = catchThrowable(() -> new SpringApplicationBuilder(KetenpoortApplication.class)
                .profiles("prod").properties(variables).run().close());

        assertRefused(refused, "ketenpoort.audit.pseudonym-key is the demo value", DEMO_PSEUDONYM_KEY, output);
    }

    private static void assertRefused(Throwable refused, String expected, String value, CapturedOutput output) {
        assertThat(refused).isInstanceOf(UnsafeSecretsException.class);
        assertThat(((UnsafeSecretsException) refused).problems()).singleElement().asString().startsWith(expected);
        assertThat(output).contains("APPLICATION FAILED TO START").contains(expected);
        if (value != null && !value.isEmpty()) {
            assertThat(output.toString()).doesNotContain(value);
        }
    }
}
