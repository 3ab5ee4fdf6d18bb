package nl.hvht.ketenpoort.consent;

import java.util.UUID;

/**
 * The outcome of one consent check for one recipient.
 *
 * @param allowed      true if a valid ground covers recipient, every category and the purpose
 * @param verklaringId the toestemmingsverklaring that allowed it (null when denied)
 * @param reason       null when allowed; else why not
 */
public record ConsentDecision(boolean allowed, UUID verklaringId, DenialReason reason) {

    public static ConsentDecision allowedBy(UUID verklaringId) {
        return new ConsentDecision(true, verklaringId, null);
    }

    public static ConsentDecision denied(DenialReason reason) {
        return new ConsentDecision(false, null, reason);
    }

    /** The ground in the form stored in audit and consent logs. */
    public String ground() {
        return allowed ? "toestemming:" + verklaringId : reason.name();
    }

    /** Why a recipient may not receive a message. Stored by name: never rename. */
    public enum DenialReason {
        /** No verklaring for this participant and recipient at all. */
        NO_CONSENT,
        /** A verklaring existed but was revoked. */
        REVOKED,
        /** A verklaring existed but its validity ended (or has not started). */
        EXPIRED,
        /** A valid verklaring covers the recipient but not every data category. */
        CATEGORY_NOT_COVERED,
        /** A valid verklaring covers the recipient but not the purpose. */
        PURPOSE_NOT_COVERED,
        /** The check itself failed; we fail closed. */
        CHECK_FAILED
    }
}
