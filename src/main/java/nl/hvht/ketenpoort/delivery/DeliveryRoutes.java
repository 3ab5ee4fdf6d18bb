package nl.hvht.ketenpoort.delivery;

import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Queueing and delivery routes: the pipeline's record and enqueue steps, one transacted consumer route
 * per recipient queue, the delivery of one message, dead-lettering, and the outbox sweeper.
 */
@Component
class DeliveryRoutes extends RouteBuilder {

    private static final String ERRORS = Steps.ERROR_POLICY;

    private final PartnerRegistry partners;
    private final DeliveryProperties properties;

    DeliveryRoutes(PartnerRegistry partners, DeliveryProperties properties) {
        this.partners = partners;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from(Steps.DEDUPLICATE).routeId("deduplicate").routeConfigurationId(ERRORS)
                .bean("ledgerSteps", "deduplicate")
                .filter(simple("${body.duplicate}")).stop().end();

        from(Steps.RECORD).routeId("record").routeConfigurationId(ERRORS)
                .bean("ledgerSteps", "record")
                .filter(simple("${body.duplicate}")).stop().end();

        from(Steps.ENQUEUE).routeId("enqueue").routeConfigurationId(ERRORS)
                .bean("enqueueStep", "collectQueued")
                .split(method("enqueueStep", "jobs"))
                    // The ledger row is committed: if the broker refuses now, the sweeper queues it later.
                    .doTry()
                        .to("direct:enqueue-job")
                    .doCatch(Exception.class)
                        .log(LoggingLevel.WARN, "enqueue of ${exchangeProperty.kpJob} deferred to the outbox sweeper: ${exception.class.name}")
                    .end()
                .end()
                .bean("enqueueStep", "auditQueued");

        from("direct:enqueue-job").routeId("enqueue-job").routeConfigurationId(ERRORS)
                .bean("enqueueStep", "toMessage")
                .toD("jms:queue:" + Queues.DELIVERY_PREFIX + "${header." + DeliveryJob.ONTVANGER + "}?deliveryPersistent=true")
                .bean("enqueueStep", "queued");

        for (Partner partner : partners.all()) {
            from("jms:queue:" + Queues.deliveryQueue(partner.id())
                    // A local JMS transaction, no Spring transaction manager: JDBC calls of the delivery commit on
                    // their own instead of holding a pooled connection through the partner's answer.
                    + "?transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER"
                    + "&concurrentConsumers=" + properties.consumersPerRecipient()
                    + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                    .routeId("bezorging-" + partner.id()).routeConfigurationId(ERRORS)
                    .to(Steps.DELIVER);
        }

        from(Steps.DELIVER).routeId("deliver").routeConfigurationId(ERRORS)
                .bean("deliveryAttempts", "begin")
                .filter(method("deliveryAttempts", "isSkipped")).stop().end()
                .filter(method("deliveryConsent", "allowed"))
                    .bean("partnerRequest", "prepare")
                    .bean("deliveryReceipts", "remember")
                    .toD("${exchangeProperty." + PartnerRequest.ENDPOINT + "}")
                    // The answer (2xx) may hold a signed receipt: checked before the attempt counts.
                    .bean("deliveryReceipts", "check")
                    .bean("deliveryAttempts", "posted")
                    .bean("deliveryReceipts", "record")
                    .bean("deliveryAttempts", "delivered")
                .end();

        // Called from the error policy; its own failures go back to the failed attempt (which then rolls back).
        from("direct:dead-letter").routeId("dead-letter").errorHandler(noErrorHandler())
                .bean("deliveryAttempts", "toDeadLetter")
                .to("jms:queue:" + Queues.DEAD_LETTER + "?deliveryPersistent=true")
                .bean("deliveryAttempts", "deadLettered");

        from("timer:outbox-sweeper?delay=10000&period=10000").routeId("outbox-sweeper").routeConfigurationId(ERRORS)
                .split(method("outboxSweeper", "stale"))
                    .to("direct:enqueue-job")
                .end();
    }
}
