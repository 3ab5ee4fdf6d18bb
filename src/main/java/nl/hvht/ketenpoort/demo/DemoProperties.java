package nl.hvht.ketenpoort.demo;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The demo run ({@code ketenpoort.demo}).
 *
 * @param enabled        serve the demo receiver under {@code /demo/ontvangst/{partnerId}}
 * @param generateCerts  generate the example PKI into {@code ketenpoort.pki.dir} when {@code ca.crt} is missing
 * @param seedConsent    register a consent for the example participant at start-up if it has none
 * @param partnerBaseUrl base URL the example partner endpoints are under
 * @param deelnemer      the example participant id (as in {@code examples/})
 */
@Validated
@ConfigurationProperties("ketenpoort.demo")
public record DemoProperties(boolean enabled, boolean generateCerts, boolean seedConsent, @NotBlank String partnerBaseUrl,
        String deelnemer) {

    public DemoProperties {
        if (deelnemer == null || deelnemer.isBlank()) {
            deelnemer = "HVHT-2026-0042";
        }
    }
}
