package nl.hvht.ketenpoort.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.demo.pki.ExamplePki;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Generates the example PKI before anything reads it (the server's SSL bundle is built early), when
 * {@code ketenpoort.demo.generate-certs} is on and {@code ${ketenpoort.pki.dir}/ca.crt} does not exist; then makes
 * sure the example CA has a current CRL and that the demo run checks revocation against it.
 * Runs after the configuration files are loaded, so it sees the configured partner network.
 */
class DemoCertificates implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    DemoCertificates(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoCertificates.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        if (!binder.bind("ketenpoort.demo.generate-certs", Boolean.class).orElse(false)) {
            return;
        }
        Path dir = Path.of(binder.bind("ketenpoort.pki.dir", String.class).orElse("certs-example/out"));
        if (!Files.exists(dir.resolve("ca.crt"))) {
            generate(binder, dir);
        }
        useCrl(environment, binder, dir);
    }

    /**
     * The demo checks revocation as production does (signatures and client certificates against the CA's CRL), so
     * a signed message is accepted and nothing needs soft-fail: a current CRL of the example CA is written when
     * missing or due ({@link DemoCrl} keeps it current while running) and configured, unless CRL files are configured
     * explicitly.
     */
    private void useCrl(ConfigurableEnvironment environment, Binder binder, Path dir) {
        if (!Files.exists(dir.resolve("ca.key"))) {
            log.warn("No ca.key in " + dir.toAbsolutePath() + ": the demo cannot write a CRL; signed messages are refused"
                    + " with REVOCATION_UNKNOWN unless ketenpoort.signing.inbound.crl-files is configured");
            return;
        }
        if (ExamplePki.crlDue(dir)) {
            ExamplePki.writeCrl(dir);
            log.info("Wrote a CRL of the example CA: " + dir.resolve(ExamplePki.CRL_FILE).toAbsolutePath());
        }
        if (binder.bind(CRL_FILES, Bindable.listOf(String.class)).isBound()) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("ketenpoort-demo-crl",
                Map.of(CRL_FILES, dir.resolve(ExamplePki.CRL_FILE).toString())));
    }

    private void generate(Binder binder, Path dir) {
        String gatewayOin = binder.bind("ketenpoort.partners.gateway-oin", String.class)
                .orElseThrow(() -> new IllegalStateException("ketenpoort.partners.gateway-oin is not configured"));
        Map<String, String> partnerOins = new LinkedHashMap<>();
        for (PartnerOin partner : binder.bind("ketenpoort.partners.netwerk", Bindable.listOf(PartnerOin.class)).orElse(List.of())) {
            partnerOins.put(partner.id(), partner.oin());
        }
        ExamplePki.generate(dir, gatewayOin, partnerOins);
        log.info("Generated the example PKI (CA, gateway and " + partnerOins.size() + " partner certificates) in "
                + dir.toAbsolutePath() + "; private keys stay out of git");
    }

    static final String CRL_FILES = "ketenpoort.signing.inbound.crl-files";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The two fields of a configured partner the generator needs. */
    record PartnerOin(String id, String oin) {
    }
}
