package nl.hvht.ketenpoort.delivery;

import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The delivery routes: the deduplicate and record steps of the pipeline (the intake committer), the POST of one
 * claimed copy to its partner ({@link DeliveryWorker} calls it for every attempt of a batch, concurrently), and the
 * wake-up of this node's workers by other nodes over the broker.
 */
@Component
class DeliveryRoutes extends RouteBuilder {

    private static final String ERRORS = Steps.ERROR_POLICY;

    private final IntakeCommitter committer;
    private final PartnerRequest request;
    private final OntvangstbewijsCheck receipts;
    private final DeliveryWorker worker;

    DeliveryRoutes(IntakeCommitter committer, PartnerRequest request, OntvangstbewijsCheck receipts, DeliveryWorker worker) {
        this.committer = committer;
        this.request = request;
        this.receipts = receipts;
        this.worker = worker;
    }

    @Override
    public void configure() {
        from(Steps.DEDUPLICATE).routeId("deduplicate").routeConfigurationId(ERRORS)
                .process(exchange -> committer.deduplicate(exchange.getMessage().getBody(Dispatch.class)))
                .filter(exchange -> exchange.getMessage().getBody(Dispatch.class).isDuplicate()).stop().end();

        from(Steps.RECORD).routeId("record").routeConfigurationId(ERRORS)
                .process(exchange -> committer.commit(exchange.getMessage().getBody(Dispatch.class)));

        from(Steps.DELIVER).routeId("deliver").routeConfigurationId(ERRORS)
                .process(request::prepare)
                .process(receipts::remember)
                .toD("${exchangeProperty." + PartnerRequest.ENDPOINT + "}")
                // The answer (2xx) may hold a signed receipt: checked before the attempt counts.
                .process(receipts::check);

        // The listener connects in the background (asyncStartListener): start-up and readiness never wait for the
        // broker, which only rings the doorbell (DeliveryWakeups); the workers poll the ledger meanwhile.
        from("jms:topic:" + DeliveryWakeups.TOPIC + "?deliveryPersistent=false&asyncStartListener=true")
                .routeId("delivery-wakeup").routeConfigurationId(ERRORS)
                .bean(worker, "wakeAll(${body})");
    }
}
