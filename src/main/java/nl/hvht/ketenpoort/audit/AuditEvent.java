package nl.hvht.ketenpoort.audit;

import java.util.Set;
import java.util.TreeSet;
import nl.hvht.ketenpoort.bericht.Categorie;

/**
 * One step to be audit-logged. Holds ids, types, partners, categories and reasons only: never message
 * content and never a participant id (only its pseudonym). Fields that do not apply are null.
 *
 * @param traceId              id of the request or delivery run that caused the step (the W3C trace id, 32 hex)
 * @param step                 what happened
 * @param berichtId            message id, null if the input was not readable
 * @param berichtType          message type
 * @param afzender             sending partner id, or the actor ({@code beheerder:<naam>}) of a console step
 * @param ontvanger            receiving partner id, for per-recipient steps
 * @param deelnemerPseudoniem  pseudonym of the participant (see {@link Pseudonymizer})
 * @param categorieen          data categories involved
 * @param uitkomst             outcome word, e.g. ALLOWED, DENIED, OK, HTTP_503, or a rejection code
 * @param reden                reason or ground, e.g. {@code toestemming:<id>} or {@code REVOKED}
 * @param doel                 purpose (doelbinding) of the message, or the purpose of use of a console access; with
 *                             the message type it names the processing activity ({@link Verwerkingsregister})
 * @param span                 where in the trace the step happened (parent span, the calling party's operation, start);
 *                             null: the span under way on the recording thread, if any
 * @param toegang              role and network access point of a console user (NEN 7513); null for other steps
 */
public record AuditEvent(
        String traceId,
        AuditStep step,
        String berichtId,
        String berichtType,
        String afzender,
        String ontvanger,
        String deelnemerPseudoniem,
        Set<Categorie> categorieen,
        String uitkomst,
        String reden,
        String doel,
        AuditSpan span,
        Toegang toegang) {

    public AuditEvent {
        categorieen = categorieen == null ? Set.of() : Set.copyOf(categorieen);
    }

    /** A step without purpose, span or console access (filled in by the writer where it can). */
    public AuditEvent(String traceId, AuditStep step, String berichtId, String berichtType, String afzender,
            String ontvanger, String deelnemerPseudoniem, Set<Categorie> categorieen, String uitkomst, String reden) {
        this(traceId, step, berichtId, berichtType, afzender, ontvanger, deelnemerPseudoniem, categorieen, uitkomst, reden,
                null, null, null);
    }

    /** The same step for this purpose. */
    public AuditEvent voorDoel(String purpose) {
        return new AuditEvent(traceId, step, berichtId, berichtType, afzender, ontvanger, deelnemerPseudoniem, categorieen,
                uitkomst, reden, purpose, span, toegang);
    }

    /** The same step at this place in the trace. */
    public AuditEvent in(AuditSpan where) {
        return new AuditEvent(traceId, step, berichtId, berichtType, afzender, ontvanger, deelnemerPseudoniem, categorieen,
                uitkomst, reden, doel, where, toegang);
    }

    /** The same step by a console user with this role from this network access point. */
    public AuditEvent door(Toegang access) {
        return new AuditEvent(traceId, step, berichtId, berichtType, afzender, ontvanger, deelnemerPseudoniem, categorieen,
                uitkomst, reden, doel, span, access);
    }

    /** The same step with another outcome (the rolled-back repeat of {@link AuditLog#record}). */
    AuditEvent withUitkomst(String outcome) {
        return new AuditEvent(traceId, step, berichtId, berichtType, afzender, ontvanger, deelnemerPseudoniem, categorieen,
                outcome, reden, doel, span, toegang);
    }

    /** The same step in this trace. */
    AuditEvent withTraceId(String trace) {
        return new AuditEvent(trace, step, berichtId, berichtType, afzender, ontvanger, deelnemerPseudoniem, categorieen,
                uitkomst, reden, doel, span, toegang);
    }

    /** Categories as a stable, sorted, comma-separated list of codes. */
    public String categorieCodes() {
        TreeSet<String> codes = new TreeSet<>();
        categorieen.forEach(c -> codes.add(c.code()));
        return String.join(",", codes);
    }
}
