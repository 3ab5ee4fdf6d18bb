package nl.hvht.ketenpoort.signing;

import nl.hvht.ketenpoort.bericht.ParsedMessage;
import nl.hvht.ketenpoort.bericht.Redactor;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import org.springframework.stereotype.Component;

/**
 * One recipient's signed copy of a message: cut to what its consent decision allows (withheld categories removed
 * section by section, the grounds in {@code verstrekking}), then signed. Used at intake, and at delivery when the
 * decision taken then differs from the one the queued copy was made under.
 */
@Component
public class CopySigner {

    private final Redactor redactor;
    private final MessageSigner signer;

    CopySigner(Redactor redactor, MessageSigner signer) {
        this.redactor = redactor;
        this.signer = signer;
    }

    /** The signed copy for this recipient; the decision must allow it. */
    public byte[] copyFor(ParsedMessage message, String recipient, ConsentDecision decision) {
        if (!decision.allowed()) {
            throw new IllegalArgumentException("no copy for a withheld recipient");
        }
        return signer.sign(redactor.cut(message, decision.withheld(), decision.verstrekking(recipient)));
    }
}
