package nl.hvht.ketenpoort.problem;

/**
 * Stable codes for refused requests on the partner API, and the general ones both sides answer with
 * ({@code VALIDATION_FAILED}, {@code FORBIDDEN}, {@code NOT_FOUND}, {@code SERVICE_UNAVAILABLE}, {@code INTERNAL_ERROR}).
 * The console's own refusals are {@link AdminCode}. They are an external contract (problem+json {@code code}, audit
 * records, partner scripts): never rename one.
 */
public enum RejectionCode implements ProblemCode {
    XML_MALFORMED(400, "Het bericht is geen goedgevormde XML."),
    XML_DTD_FORBIDDEN(400, "Een DOCTYPE (DTD, entiteiten) is niet toegestaan."),
    XML_LIMIT_EXCEEDED(400, "Het bericht overschrijdt een structuurlimiet (diepte, entiteiten of attributen)."),
    SCHEMA_INVALID(400, "Het bericht voldoet niet aan het XSD-schema."),
    UNSUPPORTED_MEDIA_TYPE(415, "Alleen application/xml of een ondertekend bericht (application/pkcs7-mime) wordt geaccepteerd."),
    PAYLOAD_TOO_LARGE(413, "Het bericht is groter dan toegestaan."),
    REQUEST_TIMEOUT(408, "Het bericht kwam niet op tijd binnen."),
    RATE_LIMITED(429, "Te veel verzoeken van deze partner; probeer het later opnieuw."),
    UNKNOWN_SENDER(403, "Het clientcertificaat hoort niet bij een bekende ketenpartner."),
    SENDER_MISMATCH(403, "De afzender in het bericht is niet de partner van het clientcertificaat."),
    UNKNOWN_RECIPIENT(422, "Een ontvanger is geen bekende ketenpartner."),
    NO_RECIPIENTS(422, "Het bericht heeft geen ontvanger, ook niet na de distributieregels."),
    /**
     * An answer (ketenpoort.routing.answers.types) without a correlatieId, or whose correlatieId names no message this
     * partner received (unknown, or never DELIVERED to it: one answer for both, so ids cannot be probed), or a message
     * of a type it does not answer, or about another participant.
     */
    CORRELATIE_ONBEKEND(422, "Het correlatieId noemt geen bericht dat deze partner ontving en waarop dit bericht kan antwoorden."),
    /** An answer addresses someone other than the sender of the message it answers: it goes to that sender only. */
    ANTWOORD_ONTVANGER_ONJUIST(422, "Een antwoord gaat alleen naar de afzender van het bericht waarop het antwoordt."),
    /** The registry says this partner must sign (CMS) and the message came unsigned: policy for the caller. */
    SIGNATURE_REQUIRED(403, "Deze partner moet zijn berichten ondertekenen (CMS, application/pkcs7-mime)."),
    /** The CMS signature, its signer or the signer's certificate was refused; the detail names the reason code. */
    SIGNATURE_INVALID(400, "De handtekening van het bericht is ongeldig of niet vertrouwd."),
    /** The sender put a {@code verstrekking} element in its message; only the gateway sets it, per recipient. */
    VERSTREKKING_NOT_ALLOWED(400, "Het element verstrekking zet alleen de gateway; een afzender mag het niet meesturen."),
    BERICHT_ID_CONFLICT(409, "Dit berichtId is al gebruikt voor een ander bericht."),
    VALIDATION_FAILED(400, "Het verzoek is ongeldig."),
    VERKLARING_INGETROKKEN(409, "Deze toestemmingsverklaring is ingetrokken; registreer een nieuwe."),
    FORBIDDEN(403, "Geen toegang tot deze bron."),
    NOT_FOUND(404, "Niet gevonden."),
    /**
     * Mailbox (postbus): consent (or another rule) no longer allows this copy to go to the partner; it is WITHHELD, the
     * problem's {@code reden} names the coded reason (e.g. {@code REVOKED}, {@code NO_CONSENT}).
     */
    BERICHT_INGEHOUDEN(410, "Dit bericht mag niet (meer) aan deze partner worden bezorgd; zie de reden."),
    /** Mailbox (postbus): an acknowledgement of a copy that was never fetched. */
    POSTBUS_NIET_OPGEHAALD(409, "Dit bericht is nog niet uit de postbus opgehaald; haal het eerst op."),
    /**
     * Mailbox (postbus): the signed receipt with an acknowledgement was refused (or is missing where the partner must send
     * one); the problem's {@code code} is {@code RECEIPT_<reason>}, as the outcome word of a push delivery. Nothing changed.
     */
    RECEIPT_INVALID(422, "Het ontvangstbewijs is ongeldig of ontbreekt; er is niets veranderd."),
    SERVICE_UNAVAILABLE(503, "De gateway kan het verzoek nu niet verwerken; probeer het na Retry-After opnieuw met dezelfde inhoud."),
    INTERNAL_ERROR(500, "Interne fout; het bericht is niet verwerkt.");

    private final int httpStatus;
    private final String title;

    RejectionCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String title() {
        return title;
    }
}
