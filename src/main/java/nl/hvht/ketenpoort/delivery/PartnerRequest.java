package nl.hvht.ketenpoort.delivery;

import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.signing.CmsContentTypes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The HTTPS request to a partner: the recipient's copy as body (CMS SignedData, or for a partner with
 * {@code versleuteling} that SignedData encrypted for it; the Content-Type says which), the berichtId as idempotency key (so a
 * partner can drop the rare repeat after a crash between its answer and our commit), and only the headers
 * named here: no internal property ever leaves the gateway.
 */
@Component("partnerRequest")
class PartnerRequest {

    static final String ENDPOINT = "kpEndpoint";
    /** Exchange property with the {@link DeliveryJob} being posted. */
    static final String JOB = "kpJob";

    private final PartnerRegistry partners;

    PartnerRequest(PartnerRegistry partners) {
        this.partners = partners;
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
        message.setBody(job.signed());
        String endpoint = partners.byId(job.ontvanger())
                .orElseThrow(() -> new IllegalStateException("recipient no longer in the partner registry: " + job.ontvanger()))
                .endpoint().toString();
        exchange.setProperty(ENDPOINT, endpoint);
    }
}
