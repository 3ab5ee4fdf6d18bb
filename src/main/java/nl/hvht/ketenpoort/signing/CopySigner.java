package nl.hvht.ketenpoort.signing;

import io.micrometer.tracing.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.bericht.Redactor;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.partner.Versleuteling;
import nl.hvht.ketenpoort.trace.SpanNames;
import nl.hvht.ketenpoort.trace.StoredTrace;
import nl.hvht.ketenpoort.trace.Traces;
import org.springframework.stereotype.Component;

/**
 * One recipient's copy of a message: cut to what its consent decision allows (withheld categories removed section
 * by section, the grounds in {@code verstrekking}), signed, and, when the registry says so for the recipient
 * ({@code versleuteling}), encrypted for its certificate. Used at intake, at delivery when the decision taken then
 * differs from the one the queued copy was made under (or the copy is not in the form the registry now asks for),
 * and for break-glass releases. So what is stored, queued and dead-lettered is exactly what the partner receives.
 */
@Component
public class CopySigner {

    private final Redactor redactor;
    private final BerichtSigner signer;
    private final BerichtEncryptor encryptor;
    private final PartnerRegistry partners;
    private final Traces traces;

    CopySigner(Redactor redactor, BerichtSigner signer, BerichtEncryptor encryptor, PartnerRegistry partners, Traces traces) {
        this.traces = traces;
        this.redactor = redactor;
        this.signer = signer;
        this.encryptor = encryptor;
        this.partners = partners;
    }

    /** The signed (and possibly encrypted) copy for this recipient; the decision must allow it. */
    public byte[] copyFor(ParsedBericht message, String recipient, ConsentDecision decision) {
        return copyFor(message, recipient, decision, null);
    }

    /** As {@link #copyFor(ParsedBericht, String, ConsentDecision)}, its span in the message's trace {@code trace}. */
    public byte[] copyFor(ParsedBericht message, String recipient, ConsentDecision decision, StoredTrace trace) {
        return copiesFor(message, Map.of(recipient, decision), trace).get(recipient);
    }

    /**
     * The copies for every recipient whose decision allows one, by recipient; the message is parsed once for all of
     * them ({@link Redactor#cutEach}). Recipients that are withheld get no entry. Each copy's signing (and encryption) is
     * a span in the trace under way on this thread.
     */
    public Map<String, byte[]> copiesFor(ParsedBericht message, Map<String, ConsentDecision> decisions) {
        return copiesFor(message, decisions, null);
    }

    private Map<String, byte[]> copiesFor(ParsedBericht message, Map<String, ConsentDecision> decisions, StoredTrace trace) {
        List<String> recipients = new ArrayList<>();
        List<Redactor.Cut> cuts = new ArrayList<>();
        decisions.forEach((recipient, decision) -> {
            if (decision.allowed()) {
                recipients.add(recipient);
                cuts.add(new Redactor.Cut(decision.withheld(), decision.verstrekking(recipient)));
            }
        });
        if (recipients.isEmpty()) {
            if (!decisions.isEmpty()) {
                throw new IllegalArgumentException("no copy for a withheld recipient");
            }
            return Map.of();
        }
        List<byte[]> redacted = redactor.cutEach(message, cuts);
        Map<String, byte[]> copies = new LinkedHashMap<>();
        for (int i = 0; i < recipients.size(); i++) {
            Span span = traces.start(SpanNames.COPY, trace).tag(SpanNames.BERICHT_ID, message.envelope().berichtId())
                    .tag(SpanNames.ONTVANGER, recipients.get(i));
            try {
                copies.put(recipients.get(i), protect(recipients.get(i), signer.sign(redacted.get(i))));
            } finally {
                span.end();
            }
        }
        return copies;
    }

    private byte[] protect(String recipient, byte[] signed) {
        Versleuteling scheme = partners.versleuteling(recipient);
        if (scheme == Versleuteling.GEEN) {
            return signed;
        }
        Partner partner = partners.byId(recipient)
                .orElseThrow(() -> new IllegalStateException("recipient not in the partner registry: " + recipient));
        return encryptor.encrypt(signed, partner.certificate(), scheme);
    }

    /**
     * Whether a copy made earlier is in the form the registry now asks for: signed only, or encrypted by the current
     * scheme for the partner's current certificate (a certificate replaced while running makes older copies unreadable
     * for the partner, so they are made again).
     */
    public boolean isCurrentForm(String recipient, byte[] copy) {
        Versleuteling scheme = partners.versleuteling(recipient);
        if (!CmsContentTypes.isFormOf(scheme, copy)) {
            return false;
        }
        return scheme == Versleuteling.GEEN || partners.byId(recipient)
                .map(partner -> CmsContentTypes.isEncryptedFor(copy, partner.certificate()))
                .orElse(false);
    }
}
