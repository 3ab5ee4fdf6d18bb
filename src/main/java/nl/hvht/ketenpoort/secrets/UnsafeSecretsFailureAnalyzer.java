package nl.hvht.ketenpoort.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's start-up failure report for {@link UnsafeSecretsException}: the settings, what to do, no values. */
class UnsafeSecretsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSecretsException cause) {
        String description = "The prod profile needs every secret set explicitly, and strong enough:\n    "
                + String.join("\n    ", cause.problems());
        String action = "Set each of them from your secret store (environment variable, or a file given with"
                + " SPRING_CONFIG_ADDITIONAL_LOCATION), a fresh random value per setting, e.g. openssl rand -base64 48."
                + " See README.md, 'Production'.";
        return new FailureAnalysis(description, action, cause);
    }
}
