package nl.hvht.ketenpoort.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * The partner network ({@code ketenpoort.partners}).
 *
 * @param gatewayOin OIN in the gateway's own certificates (it calls the demo receiver with them)
 * @param netwerk    the partners
 * @param certificaatControle how often the partners' certificate files are checked for a change (a changed,
 *                   valid certificate replaces the registered one without restart); default 10s
 */
@Validated
@ConfigurationProperties("ketenpoort.partners")
public record PartnerProperties(
        @NotBlank @Pattern(regexp = "\\d{20}", message = "must be a 20-digit OIN") String gatewayOin,
        @NotEmpty List<@Valid Entry> netwerk,
        @NotNull @DefaultValue("10s") Duration certificaatControle) {

    /** The binding constructor (the record has a second, shorter one). */
    @ConstructorBinding
    public PartnerProperties {
        if (certificaatControle != null && (certificaatControle.isNegative() || certificaatControle.isZero())) {
            throw new IllegalArgumentException("ketenpoort.partners.certificaat-controle must be a positive duration, e.g. 10s");
        }
    }

    /** A network whose certificate files are checked every 10 seconds. */
    public PartnerProperties(String gatewayOin, List<Entry> netwerk) {
        this(gatewayOin, netwerk, Duration.ofSeconds(10));
    }

    /**
     * One partner as configured.
     *
     * @param id          lower case, digits and hyphens
     * @param naam        display name
     * @param oin         20-digit OIN
     * @param soort       kind
     * @param endpoint    https delivery URL; required for {@code bezorging: push}, refused for {@code bezorging: ophalen}
     * @param certificaat PEM certificate of the partner (a file: replacing it takes effect without restart,
     *                    see {@link PartnerCertificateReloader})
     * @param ondertekeningVerplicht whether the partner must sign its messages (CMS SignedData,
     *                    {@code application/pkcs7-mime}); unsigned messages from it are refused. Default false.
     * @param ontvangstbewijsVerplicht whether a delivery to the partner counts only with a valid signed receipt in its
     *                    answer; a 2xx without one is a failed attempt (retried). Default false.
     * @param versleuteling whether what the gateway delivers to the partner is encrypted for its certificate after
     *                    signing, and how ({@link Versleuteling}); default {@code GEEN}. Checked against the
     *                    certificate at start-up.
     * @param bezorging   how the partner gets its copies ({@link Bezorging}): {@code push} (default) to its endpoint, or
     *                    {@code ophalen} from its mailbox on the partner API
     * @param retourberichten whether the partner gets a signed Retourbericht from the gateway for every message it sends,
     *                    once every recipient has settled (per recipient the outcome and its code). Default false.
     */
    public record Entry(
            @NotBlank @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower case words joined by hyphens") String id,
            @NotBlank String naam,
            @NotBlank @Pattern(regexp = "\\d{20}", message = "must be a 20-digit OIN") String oin,
            @NotNull PartnerSoort soort,
            URI endpoint,
            @NotNull Resource certificaat,
            @DefaultValue("false") boolean ondertekeningVerplicht,
            @DefaultValue("false") boolean ontvangstbewijsVerplicht,
            @DefaultValue("GEEN") Versleuteling versleuteling,
            @DefaultValue("PUSH") Bezorging bezorging,
            @DefaultValue("false") boolean retourberichten) {

        /** The binding constructor (the record has a second, shorter one). */
        @ConstructorBinding
        public Entry {
        }

        /** A partner that need not sign its messages and gets them unencrypted. */
        public Entry(String id, String naam, String oin, PartnerSoort soort, URI endpoint, Resource certificaat) {
            this(id, naam, oin, soort, endpoint, certificaat, false, false, Versleuteling.GEEN, Bezorging.PUSH, false);
        }
    }
}
