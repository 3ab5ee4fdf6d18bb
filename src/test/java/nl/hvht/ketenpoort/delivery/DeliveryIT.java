package nl.hvht.ketenpoort.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * Durable delivery against WireMock partners over mutual TLS: broker redelivery with backoff, the attempt
 * limit and the dead-letter queue, permanent refusals, intake deduplication, the idempotent repository
 * against a redelivery after a crash, and the outbox sweeper. Every test uses its own participant and
 * berichtIds and counts the partner's requests for its own berichtId only.
 */
class DeliveryIT extends GatewayTestSupport {

    private static final String PARTNER = "transfore";
    private static final String PARTNER_PATH = "/ontvangst/" + PARTNER;

    @Autowired
    private CamelContext camelContext;

    @Autowired
    private JmsTemplate jms;

    @Autowired
    private EmbeddedActiveMQ broker;

    @Autowired
    private ProducerTemplate producer;

    @Autowired
    private DeliveryProperties deliveryProperties;

    @Test
    void retriesUntilThePartnerAcceptsAndDeliversExactlyOnce() {
        String scenario = "flaky-" + UUID.randomUUID();
        partnerAnswers(scenario, STARTED, 503, "tweede");
        partnerAnswers(scenario, "tweede", 503, "derde");
        partnerAnswers(scenario, "derde", 503, "vierde");
        partnerAnswers(scenario, "vierde", 200, "vierde");
        Example verwijzing = verwijzingWithConsent();

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        List<ServeEvent> requests = requestsFor(verwijzing.berichtId());
        assertThat(requests).hasSize(4);
        assertThat(requests).filteredOn(e -> e.getResponse().getStatus() == 200).hasSize(1);
        assertThat(requests).filteredOn(e -> e.getResponse().getStatus() == 503).hasSize(3);
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), PARTNER);
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(4);
        assertThat(recipient.path("reden").isTextual()).isFalse();
    }

    @Test
    void failsAfterTheAttemptLimitAndDeadLettersTheMessage() throws Exception {
        PARTNERS.stubFor(post(urlPathEqualTo(PARTNER_PATH)).willReturn(aResponse().withStatus(503)));
        Example verwijzing = verwijzingWithConsent();

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), PARTNER);
        assertThat(recipient.get("reden").asText()).isEqualTo("HTTP_503");
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(4);
        assertThat(requestsFor(verwijzing.berichtId())).hasSize(4);

        List<DeadLetter> deadLetters = deadLettersFor(verwijzing.berichtId());
        assertThat(deadLetters).hasSize(1);
        DeadLetter deadLetter = deadLetters.get(0);
        assertThat(deadLetter.ontvanger()).isEqualTo(PARTNER);
        assertThat(deadLetter.reden()).isEqualTo("HTTP_503");
        assertThat(deadLetter.bodyLength()).isPositive();
    }

    @Test
    void aPermanentRefusalFailsAfterOneAttemptWithoutRetries() throws Exception {
        PARTNERS.stubFor(post(urlPathEqualTo(PARTNER_PATH)).willReturn(aResponse().withStatus(400)));
        Example verwijzing = verwijzingWithConsent();

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), PARTNER);
        assertThat(recipient.get("reden").asText()).isEqualTo("HTTP_400");
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(1);
        assertThat(requestsFor(verwijzing.berichtId())).hasSize(1);
        assertThat(deadLettersFor(verwijzing.berichtId())).singleElement()
                .satisfies(deadLetter -> assertThat(deadLetter.reden()).isEqualTo("HTTP_400"));
    }

    @Test
    void theSameBerichtIdTwiceIsDeliveredOnceAndOtherBytesConflict() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        Example overdracht = example("overdracht", deelnemer);

        assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);
        Map<String, String> settled = awaitSettled("hvht", overdracht.berichtId());
        assertThat(settled).isEqualTo(Map.of("gemeente-enschede", "DELIVERED", "reclassering-nederland", "DELIVERED"));

        HttpResponse<String> again = submit("hvht", overdracht.xml());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Ketenpoort-Duplicaat")).hasValue("true");
        assertThat(again.headers().firstValue("Location")).hasValue("/api/v1/berichten/" + overdracht.berichtId());
        Map<String, String> answered = new java.util.TreeMap<>();
        json(again).get("ontvangers").forEach(r -> answered.put(r.get("ontvanger").asText(), r.get("status").asText()));
        assertThat(answered).isEqualTo(settled);

        String otherBytes = overdracht.xml().replace("Geen bijzonderheden.", "Geen bijzonderheden, gecontroleerd.");
        assertThat(otherBytes).isNotEqualTo(overdracht.xml());
        HttpResponse<String> conflict = submit("hvht", otherBytes);

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(conflict).get("code").asText()).isEqualTo("BERICHT_ID_CONFLICT");
        assertThat(statuses("hvht", overdracht.berichtId())).isEqualTo(settled);
        assertThat(requestsFor(overdracht.berichtId(), "/ontvangst/gemeente-enschede")).hasSize(1);
        assertThat(requestsFor(overdracht.berichtId(), "/ontvangst/reclassering-nederland")).hasSize(1);
    }

    @Test
    void aRedeliveryAfterACrashBetweenAcknowledgementAndCommitIsNotDeliveredAgain() throws Exception {
        String route = "bezorging-" + PARTNER;
        String queueName = Queues.deliveryQueue(PARTNER);
        Example verwijzing = verwijzingWithConsent();
        QueuedCopy copy;
        camelContext.getRouteController().stopRoute(route);
        try {
            HttpResponse<String> accepted = submit("hvht", verwijzing.xml());
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(statuses("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "QUEUED"));
            copy = queuedCopy(queueName, verwijzing.berichtId());
        } finally {
            camelContext.getRouteController().startRoute(route);
        }
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        assertThat(requestsFor(verwijzing.berichtId())).hasSize(1);
        Queue queue = broker.getActiveMQServer().locateQueue(queueName);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.getMessageCount() == 0);
        long acknowledgedBefore = queue.getMessagesAcknowledged();

        // The broker redelivers what it handed out before the crash: same body, same properties.
        jms.send(queueName, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(copy.body());
            for (Map.Entry<String, Object> property : copy.properties().entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
            return message;
        });

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> queue.getMessageCount() == 0 && queue.getMessagesAcknowledged() > acknowledgedBefore);
        assertThat(queue.getMessagesAcknowledged()).isEqualTo(acknowledgedBefore + 1);
        assertThat(requestsFor(verwijzing.berichtId())).hasSize(1);
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), PARTNER);
        assertThat(recipient.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(1);
        assertThat(deadLettersFor(verwijzing.berichtId())).isEmpty();
    }

    /**
     * A crash right after the ledger commit (step record) and before the enqueue step: the pipeline's steps
     * run up to and including record, then the "process dies". The recipient is left ACCEPTED and nothing is
     * on its queue; the outbox sweeper must queue it and it is delivered exactly once.
     */
    @Test
    void theOutboxSweeperQueuesWhatACrashLeftAcceptedAndItIsDeliveredOnce() {
        Example verwijzing = verwijzingWithConsent();
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.getMessage().setBody(new Dispatch(UUID.randomUUID().toString(), "hvht",
                verwijzing.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (String step : List.of(Steps.VALIDATE, Steps.DEDUPLICATE, Steps.RESOLVE_RECIPIENTS, Steps.CHECK_CONSENT,
                Steps.SIGN, Steps.RECORD)) {
            producer.send(step, exchange);
            assertThat(exchange.getException()).as(step).isNull();
        }
        assertThat(statuses("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "ACCEPTED"));
        assertThat(requestsFor(verwijzing.berichtId())).isEmpty();

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        assertThat(requestsFor(verwijzing.berichtId())).hasSize(1);
        assertThat(recipient("hvht", verwijzing.berichtId(), PARTNER).get("pogingen").asInt()).isEqualTo(1);
    }

    @Test
    void thePartnerClientKeepsItsConfiguredTimeoutsAndNeverRetriesOnItsOwn() {
        HttpComponent https = camelContext.getComponent("https", HttpComponent.class);

        assertThat(https.isAutomaticRetriesDisabled()).isTrue();
        assertThat(https.getConnectTimeout()).isEqualTo(deliveryProperties.connectTimeout().toMillis());
        assertThat(https.getResponseTimeout()).isEqualTo(deliveryProperties.responseTimeout().toMillis());
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** A verwijzing to {@value #PARTNER} for a fresh participant with full consent. */
    private Example verwijzingWithConsent() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, PARTNER);
        return example("verwijzing", deelnemer);
    }

    private static void partnerAnswers(String scenario, String state, int status, String next) {
        PARTNERS.stubFor(post(urlPathEqualTo(PARTNER_PATH)).inScenario(scenario).whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(status)).willSetStateTo(next));
    }

    private static List<ServeEvent> requestsFor(String berichtId) {
        return requestsFor(berichtId, PARTNER_PATH);
    }

    private static List<ServeEvent> requestsFor(String berichtId, String path) {
        return PARTNERS.getAllServeEvents().stream()
                .filter(e -> path.equals(e.getRequest().getUrl()))
                .filter(e -> berichtId.equals(e.getRequest().getHeader("Idempotency-Key")))
                .toList();
    }

    private JsonNode recipient(String sender, String berichtId, String ontvanger) {
        for (JsonNode r : json(get(sender, "/api/v1/berichten/" + berichtId)).get("ontvangers")) {
            if (ontvanger.equals(r.get("ontvanger").asText())) {
                return r;
            }
        }
        throw new AssertionError("no recipient " + ontvanger);
    }

    /** Dead letters for this berichtId (browsed, not consumed; content is never printed). */
    private List<DeadLetter> deadLettersFor(String berichtId) {
        return jms.browse(Queues.DEAD_LETTER, (session, browser) -> {
            List<DeadLetter> found = new java.util.ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                Message message = (Message) m;
                if (berichtId.equals(message.getStringProperty(DeliveryJob.BERICHT_ID))) {
                    long length = message instanceof BytesMessage bytes ? bytes.getBodyLength() : -1;
                    found.add(new DeadLetter(message.getStringProperty(DeliveryJob.ONTVANGER),
                            message.getStringProperty("kpReden"), length));
                }
            }
            return found;
        });
    }

    /** Body and kp* properties of the queued delivery of this berichtId, without Artemis' duplicate id. */
    private QueuedCopy queuedCopy(String queueName, String berichtId) {
        QueuedCopy copy = jms.browse(queueName, (session, browser) -> {
            for (Object m : Collections.list(browser.getEnumeration())) {
                Message message = (Message) m;
                if (berichtId.equals(message.getStringProperty(DeliveryJob.BERICHT_ID))) {
                    return copyOf(message);
                }
            }
            return null;
        });
        return Optional.ofNullable(copy).orElseThrow(() -> new AssertionError("delivery not on " + queueName));
    }

    private static QueuedCopy copyOf(Message message) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            String key = (String) name;
            if (key.startsWith("kp")) {
                properties.put(key, message.getObjectProperty(key));
            }
        }
        assertThat(properties).doesNotContainKey(DeliveryJob.DUPLICATE_ID)
                .containsKeys(DeliveryJob.BERICHT_ID, DeliveryJob.ONTVANGER, DeliveryJob.CATEGORIEEN)
                .doesNotContainKey("kpDeelnemer");
        // The participant id never travels as a queue property (it is read from the ledger).
        assertThat(properties.values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotStartWith("T-"));
        return new QueuedCopy(message.getBody(byte[].class), properties);
    }

    /** What the test checks of a dead letter: never its content. */
    private record DeadLetter(String ontvanger, String reden, long bodyLength) {
    }

    private record QueuedCopy(byte[] body, Map<String, Object> properties) {
    }
}
