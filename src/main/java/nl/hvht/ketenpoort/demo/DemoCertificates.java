package nl.hvht.ketenpoort.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.pki.ExamplePki;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Generates the example PKI before anything reads it (the server's SSL bundle is built early), when
 * {@code ketenpoort.demo.generate-certs} is on and {@code ${ketenpoort.pki.dir}/ca.crt} does not exist.
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
        if (Files.exists(dir.resolve("ca.crt"))) {
            return;
        }
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

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The two fields of a configured partner the generator needs. */
    record PartnerOin(String id, String oin) {
    }
}
