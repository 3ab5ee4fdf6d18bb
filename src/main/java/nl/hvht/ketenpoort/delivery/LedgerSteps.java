package nl.hvht.ketenpoort.delivery;

import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.ParsedMessage;
import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import nl.hvht.ketenpoort.consent.Mijlpalen;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Pipeline steps {@code direct:deduplicate} and {@code direct:record}: a berichtId is processed once.
 * The same berichtId with the same bytes again is a retry (answered with the current status); with other
 * bytes it is a conflict.
 */
@Component("ledgerSteps")
class LedgerSteps {

    private final DeliveryLedger ledger;
    private final Pseudonymizer pseudonymizer;
    private final Mijlpalen mijlpalen;

    LedgerSteps(DeliveryLedger ledger, Pseudonymizer pseudonymizer, Mijlpalen mijlpalen) {
        this.ledger = ledger;
        this.pseudonymizer = pseudonymizer;
        this.mijlpalen = mijlpalen;
    }

    public void deduplicate(Dispatch dispatch) {
        ledger.digestOf(dispatch.envelope().berichtId()).ifPresent(digest -> known(dispatch, digest));
    }

    public void record(Dispatch dispatch) {
        ParsedMessage message = dispatch.message();
        try {
            ledger.record(new DeliveryLedger.NewMessage(message.envelope(), pseudonymizer.pseudonym(message.envelope().deelnemer()),
                    message.categories(), dispatch.sha256(), message.xml(), dispatch.traceId(), dispatch.decisions(),
                    dispatch.signed(), roles(dispatch), dispatch.verwerking()));
            // Release and hand-over dates, for the warnings about consent that ends before them.
            mijlpalen.noteFrom(message);
        } catch (DuplicateKeyException raced) {
            ledger.digestOf(dispatch.envelope().berichtId()).ifPresent(digest -> known(dispatch, digest));
        }
    }

    private static java.util.Map<String, java.util.Set<String>> roles(Dispatch dispatch) {
        java.util.Map<String, java.util.Set<String>> roles = new java.util.HashMap<>();
        dispatch.recipients().forEach(r -> roles.put(r, dispatch.rolesOf(r)));
        return roles;
    }

    private static void known(Dispatch dispatch, String storedDigest) {
        if (!storedDigest.equals(dispatch.sha256())) {
            throw new Rejection(RejectionCode.BERICHT_ID_CONFLICT);
        }
        dispatch.markDuplicate();
    }
}
