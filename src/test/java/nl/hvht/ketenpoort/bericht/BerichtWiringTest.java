package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class BerichtWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BerichtProperties.class)
    @Import({BerichtSchema.class, CategorieCatalog.class, BerichtParser.class})
    static class Feature {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Feature.class);

    @Test
    void wiresWithDefaultsAndParses() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BerichtProperties.class)).isEqualTo(BerichtProperties.defaults());
            ParsedBericht m = context.getBean(BerichtParser.class).parse(Examples.bytes("retourbericht.xml"));
            assertThat(m.envelope().berichtType()).isEqualTo("Retourbericht");
        });
    }

    @Test
    void configuredLimitIsApplied() {
        runner.withPropertyValues("ketenpoort.bericht.max-bytes=2048").run(context -> {
            BerichtParser parser = context.getBean(BerichtParser.class);
            assertThat(parser.parse(Examples.bytes("retourbericht.xml")).categories()).isEmpty();
            BerichtParserTest.assertRejected(() -> parser.parse(Examples.bytes("overdracht.xml")),
                    RejectionCode.PAYLOAD_TOO_LARGE);
        });
    }

    @Test
    void invalidLimitFailsStartUp() {
        runner.withPropertyValues("ketenpoort.bericht.max-element-depth=2")
                .run(context -> assertThat(context).hasFailed());
    }
}
