package nl.hvht.ketenpoort.intake;

import jakarta.servlet.http.HttpServletRequest;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.signing.InboundSignatures;
import nl.hvht.ketenpoort.signing.SignatureInvalidException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Decides which bytes of a submitted body enter the pipeline. A signed body ({@code application/pkcs7-mime},
 * CMS SignedData) is verified for the authenticated partner and only its verified content goes on; the
 * signature wrapper never reaches the parser. An unsigned body from a partner the registry says must sign is
 * refused with {@code SIGNATURE_REQUIRED}; a refused signature gives {@code SIGNATURE_INVALID} with the reason
 * code in the detail and in the audit record.
 */
@Component
class SignedIntake {

    /** CMS SignedData with the XML encapsulated (DER or BER). */
    static final String PKCS7_MIME_VALUE = "application/pkcs7-mime";
    private static final MediaType PKCS7_MIME = MediaType.valueOf(PKCS7_MIME_VALUE);

    private static final Logger LOG = LoggerFactory.getLogger(SignedIntake.class);

    private final InboundSignatures signatures;
    private final PartnerRegistry registry;

    SignedIntake(InboundSignatures signatures, PartnerRegistry registry) {
        this.signatures = signatures;
        this.registry = registry;
    }

    /** The bytes to process: the verified content of a signed body, or the plain body if the partner may send it. */
    byte[] contentOf(PartnerPrincipal caller, byte[] body, HttpServletRequest request) {
        if (!isSigned(request)) {
            if (registry.ondertekeningVerplicht(caller.id())) {
                throw new Rejection(RejectionCode.SIGNATURE_REQUIRED,
                        "Partner " + caller.id() + " moet berichten ondertekend aanbieden als application/pkcs7-mime.");
            }
            return body;
        }
        try {
            return signatures.verify(body, caller.partner().oin()).content();
        } catch (SignatureInvalidException e) {
            LOG.info("signature of {} refused: {}", caller.id(), e.reason());
            request.setAttribute(RejectionAudit.REASON, e.reason().name());
            throw new Rejection(RejectionCode.SIGNATURE_INVALID, "Handtekening geweigerd: " + e.reason() + ".");
        }
    }

    private static boolean isSigned(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && PKCS7_MIME.includes(MediaType.parseMediaType(contentType));
    }
}
