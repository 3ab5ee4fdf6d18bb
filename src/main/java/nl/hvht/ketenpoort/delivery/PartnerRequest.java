package nl.hvht.ketenpoort.delivery;

import io.micrometer.tracing.Span;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.signing.CmsContentTypes;
import nl.hvht.ketenpoort.trace.Traces;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, CmsContentTypes.mediaType(job.signed()));
        message.setHeader("Idempotency-Key", job.berichtId());
        message.setHeader("Ketenpoort-BerichtId", job.berichtId());
        message.setHeader("Ketenpoort-BerichtType", job.berichtType());
        message.setHeader("Ketenpoort-Afzender", job.afzender());
        Span span = exchange.getProperty(SPAN, Span.class);
        if (span != null) {
            traces.inject(span, message::setHeader);
        }
        message.setBody(job.signed());
        String endpoint = partners.byId(job.ontvanger())
                .orElseThrow(() -> new IllegalStateException("recipient no longer in the partner registry: " + job.ontvanger()))
                .endpoint().toString();
        exchange.setProperty(ENDPOINT, endpoint);
    }
}
