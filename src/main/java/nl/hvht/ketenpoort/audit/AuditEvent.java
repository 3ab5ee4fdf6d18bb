package nl.hvht.ketenpoort.audit;

import java.util.Set;
import java.util.TreeSet;
import nl.hvht.ketenpoort.bericht.DataCategory;

/**
 * One step to be audit-logged. Holds ids, types, partners, categories and reasons only: never message
 * content and never a participant id (only its pseudonym). Fields that do not apply are null.
 *
 * @param traceId              id of the request or delivery run that caused the step
 * @param step                 what happened
 * @param berichtId            message id, null if the input was not readable
 * @param berichtType          message type
 * @param afzender             sending partner id
 * @param ontvanger            receiving partner id, for per-recipient steps
 * @param deelnemerPseudoniem  pseudonym of the participant (see {@link Pseudonymizer})
 * @param categorieen          data categories involved
 * @param uitkomst             outcome word, e.g. ALLOWED, DENIED, OK, HTTP_503, or a rejection code
 * @param reden                reason or ground, e.g. {@code toestemming:<id>} or {@code REVOKED}
 */
public record AuditEvent(
        String traceId,
        AuditStep step,
        String berichtId,
        String berichtType,
        String afzender,
        String ontvanger,
        String deelnemerPseudoniem,
        Set<DataCategory> categorieen,
        String uitkomst,
        String reden) {

    public AuditEvent {
        categorieen = categorieen == null ? Set.of() : Set.copyOf(categorieen);
    }

    /** Categories as a stable, sorted, comma-separated list of codes. */
    public String categorieCodes() {
        TreeSet<String> codes = new TreeSet<>();
        categorieen.forEach(c -> codes.add(c.code()));
        return String.join(",", codes);
    }
}
