package nl.hvht.ketenpoort.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.bericht.BerichtSchema;
import nl.hvht.ketenpoort.bericht.CategorieCatalog;
import nl.hvht.ketenpoort.bericht.BerichtParser;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.consent.Actor;
import nl.hvht.ketenpoort.partner.PartnerProperties;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import nl.hvht.ketenpoort.support.TestPki;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The YAML distribution rules ({@code routes/distributie.yaml}) and the shared error policy, on a Camel context with
 * only what they need: the rules' bean, the example partner registry and {@code pipeline.ErrorPolicy}. No broker, no
 * database, no HTTP: a second, not a whole gateway boot.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = DistributionRulesRouteTest.Rules.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class DistributionRulesRouteTest {

    private static final BerichtParser PARSER = new BerichtParser(BerichtProperties.defaults(), new BerichtSchema(),
            new CategorieCatalog());

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    @EnableConfigurationProperties(PartnerProperties.class)
    @Import({PartnerRegistry.class, DistributionRules.class})
    @ComponentScan(basePackageClasses = Dispatch.class, useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.ErrorPolicy"))
    static class Rules {
    }

    @DynamicPropertySource
    static void examplePartners(DynamicPropertyRegistry properties) {
        // partners-example.yml (imported by application.yml) with the tests' example certificates
        properties.add("ketenpoort.pki.dir", () -> TestPki.dir().toString());
        properties.add("ketenpoort.demo.partner-base-url", () -> "https://localhost:9");
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Test
    void anOverdrachtGoesToTheMunicipalityHeMovesToAndHisProbationOrganisation() throws Exception {
        Dispatch dispatch = resolve(example("overdracht.xml"));

        assertThat(dispatch.recipients()).containsExactlyInAnyOrder("gemeente-enschede", "reclassering-nederland");
        assertThat(dispatch.rolesOf("gemeente-enschede")).containsExactly(Actor.ROL_UITSTROOMGEMEENTE);
        assertThat(dispatch.rolesOf("reclassering-nederland")).containsExactly(Actor.ROL_RECLASSERING);
    }

    @Test
    void aDetentiemeldingGoesToTheMunicipalityOfResidence() throws Exception {
        Dispatch dispatch = resolve(example("detentiemelding.xml"));

        assertThat(dispatch.recipients()).containsExactly("gemeente-almelo");
        assertThat(dispatch.rolesOf("gemeente-almelo")).isEqualTo(Set.of(Actor.ROL_WOONGEMEENTE));
    }

    @Test
    void aVerwijzingGoesToTheCarePartnerItRefersTo() throws Exception {
        Dispatch dispatch = resolve(example("verwijzing.xml"));

        assertThat(dispatch.recipients()).containsExactly("transfore");
        assertThat(dispatch.rolesOf("transfore")).isEqualTo(Set.of(Actor.ROL_ZORGPARTNER));
    }

    @Test
    void aMunicipalityThatIsNoPartnerIsRefusedUnchangedThroughTheErrorPolicy() throws Exception {
        String xml = example("overdracht.xml").replace("<gemeente>gemeente-enschede</gemeente>", "<gemeente>gemeente-utrecht</gemeente>");

        assertThatThrownBy(() -> resolve(xml)).isInstanceOf(Rejection.class)
                .satisfies(e -> assertThat(((Rejection) e).code()).isEqualTo(RejectionCode.UNKNOWN_RECIPIENT));
    }

    @Test
    void aPartnerOfTheWrongKindInARoleIsRefused() throws Exception {
        String xml = example("overdracht.xml").replace("<gemeente>gemeente-enschede</gemeente>", "<gemeente>transfore</gemeente>");

        assertThatThrownBy(() -> resolve(xml)).isInstanceOf(Rejection.class)
                .hasMessageContaining("geen partner van soort GEMEENTE");
    }

    @Test
    void theSenderCannotAlsoBeARecipient() throws Exception {
        String xml = example("verwijzing.xml").replace("<afzender>hvht</afzender>", "<afzender>transfore</afzender>");

        assertThatThrownBy(() -> resolve(xml, "transfore")).isInstanceOf(Rejection.class)
                .satisfies(e -> assertThat(((Rejection) e).code()).isEqualTo(RejectionCode.UNKNOWN_RECIPIENT));
    }

    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void anyOtherFailureIsLoggedWithIdsAndTypeOnlyAndPropagates(CapturedOutput output) throws Exception {
        AdviceWith.adviceWith(camel, "resolve-recipients", route -> route.weaveAddFirst()
                .process(exchange -> {
                    throw new IllegalStateException("inhoud die nooit in een log mag: Pieter Jan Voorbeeld");
                }));
        start();

        assertThatThrownBy(() -> resolve(example("overdracht.xml"))).isInstanceOf(IllegalStateException.class);
        assertThat(output.getAll()).contains("route resolve-recipients failed for exchange")
                .contains(IllegalStateException.class.getName())
                .doesNotContain("Pieter Jan Voorbeeld");
    }

    private Dispatch resolve(String xml) throws Exception {
        return resolve(xml, "hvht");
    }

    private Dispatch resolve(String xml, String caller) throws Exception {
        start();
        byte[] raw = xml.getBytes(StandardCharsets.UTF_8);
        Dispatch dispatch = new Dispatch("0af7651916cd43dd8448eb211c80319c", null, caller, raw);
        dispatch.parsed(PARSER.parse(raw));
        try {
            template.sendBodyAndHeader(Steps.RESOLVE_RECIPIENTS, dispatch, "berichtType", dispatch.envelope().berichtType());
        } catch (CamelExecutionException e) {
            throw (Exception) e.getCause();
        }
        return dispatch;
    }

    /** Under {@code @UseAdviceWith} the context starts when a test says so (a second start does nothing). */
    private void start() {
        camel.start();
    }

    private static String example(String name) throws IOException {
        return Files.readString(Path.of("examples", name), StandardCharsets.UTF_8);
    }
}
