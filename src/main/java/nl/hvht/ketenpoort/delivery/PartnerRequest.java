package nl.hvht.ketenpoort.delivery;

import io.micrometer.tracing.Span;
import java.net.URI;
import java.util.function.BiConsumer;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.signing.CmsContentTypes;
import nl.hvht.ketenpoort.trace.Traces;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.springframework.stereotype.Component;

/**
 * The HTTPS request to a partner: the recipient's copy as body (CMS SignedData, or for a partner with
 * {@code versleuteling} that SignedData encrypted for it; the Content-Type says which), the berichtId as idempotency key (so a
 * partner can drop the rare repeat after a crash between its answer and our commit), the attempt's span as W3C
 * {@code traceparent} (and {@code tracestate}), so the partner's logs join the message's trace, and only the headers named
 * here: no internal property ever leaves the gateway.
 */
@Component("partnerRequest")
class PartnerRequest {

    static final String ENDPOINT = "kpEndpoint";
    /** Exchange property with the {@link DeliveryJob} being posted. */
    static final String JOB = "kpJob";
    /** Exchange property with the attempt's {@link Span}. */
    static final String SPAN = "kpSpan";

    private final PartnerRegistry partners;
    private final Traces traces;

    PartnerRequest(PartnerRegistry partners, Traces traces) {
        this.partners = partners;
        this.traces = traces;
    }

    public void prepare(Exchange exchange) {
        DeliveryJob job = exchange.getProperty(JOB, DeliveryJob.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        // The enum itself: as the text "POST" Camel would search its type converters for it on every request.
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        headers(job, exchange.getProperty(SPAN, Span.class), message::setHeader);
        message.setBody(job.signed());
        URI endpoint = partners.byId(job.ontvanger())
                .orElseThrow(() -> new IllegalStateException("recipient no longer in the partner registry: " + job.ontvanger()))
                .endpoint();
        if (endpoint == null) {
            // Never claimed for a POST (DeliveryWorker runs no loop for it): its copies wait in its mailbox (Postbus).
            throw new IllegalStateException("recipient " + job.ontvanger() + " collects from its mailbox: nothing is POSTed");
        }
        exchange.setProperty(ENDPOINT, endpoint.toString());
    }

    /**
     * The headers that go with a copy, the same for a POST and for a fetch from the mailbox ({@link Postbus}): the
     * Content-Type of the copy, the berichtId as {@code Idempotency-Key} and {@code Ketenpoort-BerichtId}, type and sender,
     * and the span's W3C {@code traceparent} (and {@code tracestate}) when there is one.
     */
    void headers(DeliveryJob job, Span span, BiConsumer<String, String> header) {
        header.accept(Exchange.CONTENT_TYPE, CmsContentTypes.mediaType(job.signed()));
        header.accept("Idempotency-Key", job.berichtId());
        header.accept("Ketenpoort-BerichtId", job.berichtId());
        header.accept("Ketenpoort-BerichtType", job.berichtType());
        header.accept("Ketenpoort-Afzender", job.afzender());
        if (span != null) {
            traces.inject(span, header);
        }
    }
}
