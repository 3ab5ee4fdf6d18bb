package nl.hvht.ketenpoort.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import nl.hvht.ketenpoort.bericht.BerichtParser;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.bericht.BerichtSchema;
import nl.hvht.ketenpoort.bericht.CategorieCatalog;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The shared error policy ({@link ErrorPolicy}) on the real pipeline page ({@link PipelineRoute}), with a stand-in
 * route per step: which failure goes where. A refusal ({@link Rejection}) reaches the intake unchanged (its problem
 * code is what the partner gets) and is not logged as a failure; any other failure is logged with ids and type only
 * and reaches the intake as it is (503/500, never 202). Either way the pipeline stops at the failing step (nothing
 * is recorded) and no step runs twice: Camel redelivers nothing (retries are the delivery worker's, from the ledger).
 * No broker, no database, no HTTP.
 */
@CamelSpringBootTest
@SpringBootTest(classes = ErrorPolicyRouteTest.Pipeline.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        // the YAML distribution rules are not loaded here: a stand-in takes their step
        properties = "camel.main.routes-include-pattern=classpath:no-routes-here/*.yaml")
@ExtendWith(OutputCaptureExtension.class)
class ErrorPolicyRouteTest {

    private static final BerichtParser PARSER = new BerichtParser(BerichtProperties.defaults(), new BerichtSchema(),
            new CategorieCatalog());
    /** Every step the pipeline calls, in the order of its page. */
    private static final List<String> STEPS = List.of(Steps.VALIDATE, Steps.DEDUPLICATE, Steps.REGISTER_CONSENT,
            Steps.RESOLVE_ANSWER, Steps.RESOLVE_RECIPIENTS, Steps.CHECK_CONSENT, Steps.SIGN, Steps.RECORD);
    /** The steps that ran, in order (one entry per run). */
    private static final List<String> RAN = new CopyOnWriteArrayList<>();
    /** The failure a step throws in the running test. */
    private static final Map<String, RuntimeException> FAILURES = new ConcurrentHashMap<>();

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    @Import({ErrorPolicy.class, PipelineRoute.class, StandIns.class})
    static class Pipeline {
    }

    /** One route per step under the shared error policy, as the feature packages have them. */
    static class StandIns extends RouteBuilder {

        @Override
        public void configure() {
            for (String step : STEPS) {
                String name = step.substring("direct:".length());
                from(step).routeId("stand-in-" + name).routeConfigurationId(Steps.ERROR_POLICY)
                        .process(exchange -> {
                            RAN.add(name);
                            RuntimeException failure = FAILURES.get(step);
                            if (failure != null) {
                                throw failure;
                            }
                        });
            }
        }
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @BeforeEach
    void clean() {
        RAN.clear();
        FAILURES.clear();
    }

    @Test
    void aMessageWithoutFailuresPassesEveryStepOnceInTheOrderOfThePipeline() throws Exception {
        NotifyBuilder completed = new NotifyBuilder(camel).fromRoute("pipeline").whenCompleted(1).create();

        Exchange answer = template.send(Steps.PIPELINE, exchange -> exchange.getMessage().setBody(dispatch("overdracht.xml")));

        assertThat(answer.getException()).isNull();
        assertThat(completed.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(RAN).containsExactly("validate", "deduplicate", "resolve-answer", "resolve-recipients", "check-consent",
                "sign", "record");
    }

    @Test
    void aConsentMessageIsRegisteredAndRecordedWithoutDistributionConsentCheckOrSigning() throws Exception {
        Exchange answer = template.send(Steps.PIPELINE, exchange -> exchange.getMessage().setBody(dispatch("toestemmingsverklaring.xml")));

        assertThat(answer.getException()).isNull();
        assertThat(RAN).containsExactly("validate", "deduplicate", "register-consent", "record");
    }

    @Test
    void aRefusalReachesTheIntakeUnchangedStopsThePipelineAndIsNotLoggedAsAFailure(CapturedOutput output) throws Exception {
        Rejection refusal = new Rejection(RejectionCode.UNKNOWN_RECIPIENT, "gemeente-utrecht is geen partner");
        FAILURES.put(Steps.RESOLVE_RECIPIENTS, refusal);
        NotifyBuilder failed = new NotifyBuilder(camel).fromRoute("pipeline").whenFailed(1).create();

        Exchange answer = template.send(Steps.PIPELINE, exchange -> exchange.getMessage().setBody(dispatch("overdracht.xml")));

        assertThat(answer.getException()).isSameAs(refusal);
        assertThat(((Rejection) answer.getException()).code()).isEqualTo(RejectionCode.UNKNOWN_RECIPIENT);
        assertThat(failed.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(RAN).containsExactly("validate", "deduplicate", "resolve-answer", "resolve-recipients");
        assertThat(output.getAll()).doesNotContain("failed for exchange");
    }

    @Test
    void anyOtherFailureIsLoggedWithIdsAndTypeOnlyAndReachesTheIntakeAsItIsBeforeAnythingIsRecorded(CapturedOutput output)
            throws Exception {
        IllegalStateException failure = new IllegalStateException("inhoud die nooit in een log mag: Pieter Jan Voorbeeld");
        FAILURES.put(Steps.SIGN, failure);
        NotifyBuilder failed = new NotifyBuilder(camel).fromRoute("pipeline").whenFailed(1).create();

        Exchange answer = template.send(Steps.PIPELINE, exchange -> exchange.getMessage().setBody(dispatch("overdracht.xml")));

        assertThat(answer.getException()).isSameAs(failure);
        assertThat(failed.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(RAN).containsExactly("validate", "deduplicate", "resolve-answer", "resolve-recipients", "check-consent",
                "sign");
        assertThat(output.getAll()).contains("route stand-in-sign failed for exchange " + answer.getExchangeId())
                .contains(IllegalStateException.class.getName())
                .doesNotContain("Pieter Jan Voorbeeld");
    }

    @Test
    void aFailingStepRunsOnceCamelRedeliversNothing() throws Exception {
        FAILURES.put(Steps.CHECK_CONSENT, new IllegalStateException("database weg"));
        FAILURES.put(Steps.REGISTER_CONSENT, new IllegalStateException("database weg"));

        Exchange plan = template.send(Steps.PIPELINE, exchange -> exchange.getMessage().setBody(dispatch("overdracht.xml")));
        Exchange consent = template.send(Steps.PIPELINE, exchange -> exchange.getMessage().setBody(dispatch("toestemmingsverklaring.xml")));

        assertThat(plan.getException()).isInstanceOf(IllegalStateException.class);
        assertThat(consent.getException()).isInstanceOf(IllegalStateException.class);
        assertThat(RAN).containsOnlyOnce("check-consent", "register-consent").doesNotContain("record");
    }

    private static Dispatch dispatch(String example) throws IOException {
        byte[] raw = Files.readString(Path.of("examples", example), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        Dispatch dispatch = new Dispatch("0af7651916cd43dd8448eb211c80319c", null, "hvht", raw);
        dispatch.parsed(PARSER.parse(raw));
        return dispatch;
    }
}
