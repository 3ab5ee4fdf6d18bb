package nl.hvht.ketenpoort.delivery;

import java.util.Set;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.trace.StoredTrace;

/**
 * One message for one recipient, as the delivery worker attempts it: ids, type, participant, purpose and
 * categories from the ledger, the trace id its audit records name and the W3C context of its intake (null for a message
 * stored before tracing), and the signed (possibly encrypted) copy that goes to the partner.
 */
record DeliveryJob(String berichtId, String berichtType, String afzender, String ontvanger, String deelnemer,
        String doel, Set<Categorie> categories, String traceId, StoredTrace trace, byte[] signed) {

    DeliveryJob {
        categories = Set.copyOf(categories);
    }

    /** The delivery's key ({@code berichtId:ontvanger}): the same for every attempt of it. */
    String key() {
        return berichtId + ":" + ontvanger;
    }

    /** The same job with another signed copy (cut again at delivery). */
    DeliveryJob withSigned(byte[] copy) {
        return new DeliveryJob(berichtId, berichtType, afzender, ontvanger, deelnemer, doel, categories, traceId, trace, copy);
    }

    /** An audit record of a step of this delivery (participant as pseudonym). */
    AuditEvent event(AuditStep step, String outcome, String reason, Pseudonymizer pseudonymizer) {
        return new AuditEvent(traceId, step, berichtId, berichtType, afzender, ontvanger, pseudonymizer.pseudonym(deelnemer),
                categories, outcome, reason).voorDoel(doel);
    }

    @Override
    public String toString() {
        return "DeliveryJob[" + key() + ", type=" + berichtType + "]";
    }
}
