package nl.hvht.ketenpoort.consent;

import nl.hvht.ketenpoort.problem.AdminCode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;

/**
 * A break-glass request (doorbraak): one administrator asks, with a written motivation, to release a WITHHELD
 * message to one recipient; a second, different administrator approves or refuses it. Only an approved request
 * is a ground ({@link Grondslag#doorbraak}). The motivering may hold personal data: it is never logged or audited.
 *
 * @param id              id of the request; the ground is {@code doorbraak:<id>}
 * @param berichtId       the withheld message
 * @param ontvanger       the one recipient it would be released to
 * @param aangevraagdDoor administrator who asked
 * @param aangevraagdOp   when
 * @param motivering      the written justification (20 to 2000 characters)
 * @param status          open, approved or refused
 * @param beoordeeldDoor  administrator who decided, null while open
 * @param beoordeeldOp    when, null while open
 */
public record Doorbraak(UUID id, String berichtId, String ontvanger, String aangevraagdDoor, Instant aangevraagdOp,
        String motivering, Status status, String beoordeeldDoor, Instant beoordeeldOp) {

    public static final int MOTIVERING_MIN = 20;
    public static final int MOTIVERING_MAX = 2000;

    /** Stored by name: never rename. */
    public enum Status {
        AANGEVRAAGD,
        GOEDGEKEURD,
        AFGEWEZEN
    }

    public Doorbraak {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(berichtId, "berichtId");
        Objects.requireNonNull(ontvanger, "ontvanger");
        Objects.requireNonNull(aangevraagdDoor, "aangevraagdDoor");
        Objects.requireNonNull(aangevraagdOp, "aangevraagdOp");
        Objects.requireNonNull(status, "status");
        if (motivering == null || motivering.strip().length() < MOTIVERING_MIN || motivering.length() > MOTIVERING_MAX) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED,
                    "De motivering moet " + MOTIVERING_MIN + " tot " + MOTIVERING_MAX + " tekens zijn.");
        }
        if ((status == Status.AANGEVRAAGD) != (beoordeeldDoor == null) || (beoordeeldDoor == null) != (beoordeeldOp == null)) {
            throw new IllegalArgumentException("an open request has no decision; a decided one has both fields");
        }
    }

    /** A new, open request. */
    public static Doorbraak aanvraag(String berichtId, String ontvanger, String door, String motivering, Instant op) {
        return new Doorbraak(UUID.randomUUID(), berichtId, ontvanger, door, op, motivering, Status.AANGEVRAAGD, null, null);
    }

    /**
     * Approved by {@code door}. Four eyes: the administrator who asked may not approve (403 VIER_OGEN_VEREIST);
     * user names are compared without regard to case.
     */
    public Doorbraak goedkeuren(String door, Instant op) {
        requireOpen();
        if (aangevraagdDoor.equalsIgnoreCase(Objects.requireNonNull(door, "door"))) {
            throw new Rejection(AdminCode.VIER_OGEN_VEREIST);
        }
        return decided(Status.GOEDGEKEURD, door, op);
    }

    /** Refused by {@code door} (the requester may withdraw his own request this way). */
    public Doorbraak afwijzen(String door, Instant op) {
        requireOpen();
        return decided(Status.AFGEWEZEN, Objects.requireNonNull(door, "door"), op);
    }

    /** The ground an approved request gives: {@code doorbraak:<id>}. */
    public Grondslag grond() {
        return Grondslag.doorbraak(id);
    }

    private void requireOpen() {
        if (status != Status.AANGEVRAAGD) {
            throw new Rejection(AdminCode.DOORBRAAK_AL_BEOORDEELD);
        }
    }

    private Doorbraak decided(Status to, String door, Instant op) {
        return new Doorbraak(id, berichtId, ontvanger, aangevraagdDoor, aangevraagdOp, motivering, to, door,
                Objects.requireNonNull(op, "op"));
    }

    @Override
    public String toString() {
        return "Doorbraak[" + id + ", berichtId=" + berichtId + ", ontvanger=" + ontvanger + ", " + status + "]";
    }
}
