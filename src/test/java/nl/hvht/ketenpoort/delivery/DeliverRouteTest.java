package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The POST of one claimed copy ({@code deliver} in {@link DeliveryRoutes}) under the shared error policy, with the
 * partner's endpoint replaced by a mock endpoint: which failure goes where. Every failure reaches the delivery worker as
 * it is, after exactly one POST (Camel redelivers nothing; the worker's retry with backoff is the only retry) and without
 * the receipt check; {@link DeliveryOutcomes} then makes a permanent refusal (4xx other than 408, 425, 429) a dead
 * letter and anything else a retry, under a content-free outcome word. The route's collaborators (preparing the request,
 * reading the receipt, the intake committer, the worker) are mocks: only the route and the policy are real.
 * No broker, no database, no HTTP.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = DeliverRouteTest.Deliver.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "camel.main.routes-include-pattern=classpath:no-routes-here/*.yaml")
@ExtendWith(OutputCaptureExtension.class)
class DeliverRouteTest {

    private static final String PARTNER = "mock:partner";
    /** What a partner's error page may hold; never in a log line. */
    private static final String CONTENT = "Pieter Jan Voorbeeld";

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    @ComponentScan(basePackageClasses = Steps.class, useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.ErrorPolicy"))
    static class Deliver {

        @Bean
        PartnerRequest request() {
            return mock(PartnerRequest.class);
        }

        @Bean
        OntvangstbewijsCheck receipts() {
            return mock(OntvangstbewijsCheck.class);
        }

        @Bean
        DeliveryRoutes deliveryRoutes(PartnerRequest request, OntvangstbewijsCheck receipts) {
            return new DeliveryRoutes(mock(IntakeCommitter.class), request, receipts, mock(DeliveryWorker.class));
        }
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Autowired
    PartnerRequest request;

    @Autowired
    OntvangstbewijsCheck receipts;

    @BeforeEach
    void start() throws Exception {
        if (!camel.isStarted()) {
            // no broker here: the wake-up route listens on a direct endpoint instead of its JMS topic
            AdviceWith.adviceWith(camel, "delivery-wakeup", route -> route.replaceFromWith("direct:delivery-wakeup"));
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
        reset(request, receipts);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(http(503), "HTTP_503", false),
                Arguments.of(http(500), "HTTP_500", false),
                Arguments.of(http(408), "HTTP_408", false),
                Arguments.of(http(425), "HTTP_425", false),
                Arguments.of(http(429), "HTTP_429", false),
                Arguments.of(http(400), "HTTP_400", true),
                Arguments.of(http(404), "HTTP_404", true),
                Arguments.of(http(410), "HTTP_410", true),
                Arguments.of(new SocketTimeoutException("Read timed out"), "TIMEOUT", false),
                Arguments.of(new ConnectException("Connection refused"), "IO_ERROR", false),
                Arguments.of(new IOException("Connection reset"), "IO_ERROR", false));
    }

    @ParameterizedTest(name = "{1}: dead letter {2}")
    @MethodSource("failures")
    void aFailedPostReachesTheWorkerAsItIsAfterOnePostAndIsRetriedOrDeadLettered(Exception failure, String word,
            boolean deadLetter, CapturedOutput output) throws Exception {
        MockEndpoint partner = camel.getEndpoint(PARTNER, MockEndpoint.class);
        partner.whenAnyExchangeReceived(exchange -> {
            throw failure;
        });
        NotifyBuilder failed = new NotifyBuilder(camel).fromRoute("deliver").whenFailed(1).create();

        Exchange answer = post();

        assertThat(answer.getException()).isSameAs(failure);
        assertThat(failed.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(partner.getReceivedCounter()).isEqualTo(1);
        verify(receipts, never()).check(any());
        assertThat(DeliveryOutcomes.word(answer.getException())).isEqualTo(word);
        assertThat(DeliveryOutcomes.isPermanent(answer.getException())).isEqualTo(deadLetter);
        assertThat(output.getAll()).contains("route deliver failed for exchange " + answer.getExchangeId())
                .contains(failure.getClass().getName())
                .doesNotContain(CONTENT);
    }

    @Test
    void anAcceptedPostIsPreparedRememberedAndCheckedForItsReceiptOnce() throws Exception {
        MockEndpoint partner = camel.getEndpoint(PARTNER, MockEndpoint.class);
        partner.expectedMessageCount(1);
        NotifyBuilder completed = new NotifyBuilder(camel).fromRoute("deliver").whenCompleted(1).create();

        Exchange answer = post();

        assertThat(answer.getException()).isNull();
        assertThat(completed.matches(5, TimeUnit.SECONDS)).isTrue();
        partner.assertIsSatisfied();
        verify(request).prepare(any());
        verify(receipts).remember(any());
        verify(receipts).check(any());
    }

    @Test
    void anAcceptedPostWithoutTheReceiptAPartnerMustSendIsARetriedFailure() throws Exception {
        OntvangstbewijsRequiredException missing = new OntvangstbewijsRequiredException(OntvangstbewijsCheck.NONE);
        doThrow(missing).when(receipts).check(any());
        MockEndpoint partner = camel.getEndpoint(PARTNER, MockEndpoint.class);

        Exchange answer = post();

        assertThat(answer.getException()).isSameAs(missing);
        assertThat(partner.getReceivedCounter()).isEqualTo(1);
        assertThat(DeliveryOutcomes.word(answer.getException())).isEqualTo("RECEIPT_MISSING");
        assertThat(DeliveryOutcomes.isPermanent(answer.getException())).isFalse();
    }

    /** One attempt as the worker makes it (its request prepared for the mock partner). */
    private Exchange post() {
        return template.send(Steps.DELIVER, exchange -> exchange.setProperty(PartnerRequest.ENDPOINT, PARTNER));
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("https://partner.example/ontvangst", status, "status " + status, null,
                Map.of(), CONTENT);
    }
}
