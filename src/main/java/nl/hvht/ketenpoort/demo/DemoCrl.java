package nl.hvht.ketenpoort.demo;

import java.nio.file.Path;
import nl.hvht.ketenpoort.demo.pki.ExamplePki;
import nl.hvht.ketenpoort.pki.PkiProperties;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps the example CA's CRL current in the demo run: every hour, a new empty CRL ({@link ExamplePki#writeCrl}) once
 * half of the current one's validity has passed. CRL files are read at every check, so the new one counts at once.
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.demo.generate-certs", havingValue = "true")
class DemoCrl extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCrl.class);

    private final Path dir;

    DemoCrl(PkiProperties pki) {
        this.dir = pki.dir();
    }

    @Override
    public void configure() {
        from("timer:demo-crl?period=3600000").routeId("demo-crl").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> refresh());
    }

    void refresh() {
        if (dir.resolve("ca.key").toFile().exists() && ExamplePki.crlDue(dir)) {
            ExamplePki.writeCrl(dir);
            LOG.info("wrote a new CRL of the example CA");
        }
    }
}
