package nl.hvht.ketenpoort.problem;

/**
 * Stable codes for refused requests of the console and the admin API (break-glass, dead letters); the general codes
 * ({@code VALIDATION_FAILED}, {@code FORBIDDEN}, {@code NOT_FOUND}, ...) are {@link RejectionCode}'s. An external
 * contract like those: never rename one.
 */
public enum AdminCode implements ProblemCode {
    /** Break-glass: the delivery is not WITHHELD (or not known, or already delivered), or a request for it is open. */
    DOORBRAAK_NIET_MOGELIJK(409, "Voor deze bezorging is geen doorbraak mogelijk."),
    /** Break-glass: the administrator who asked for the release may not approve it himself (four eyes). */
    VIER_OGEN_VEREIST(403, "Een doorbraak moet door een andere beheerder worden goedgekeurd dan de aanvrager."),
    /** Break-glass: the request was approved or refused before. */
    DOORBRAAK_AL_BEOORDEELD(409, "Deze doorbraakaanvraag is al beoordeeld."),
    /** Dead letters: the delivery is not (or no longer) a dead letter: not FAILED, discarded, or its content is gone. */
    DODE_BRIEF_NIET_MOGELIJK(409, "Deze bezorging is geen open dode brief."),
    /** Dead letters: the delivery was retried by hand as often as ketenpoort.delivery.max-manual-retries allows. */
    HERKANSING_LIMIET_BEREIKT(409, "Deze bezorging is al zo vaak opnieuw aangeboden als is toegestaan."),
    /** Audit export: {@code van} or {@code tot} missing or not a date or timestamp, or {@code van} not before {@code tot}. */
    AUDIT_PERIODE_ONGELDIG(400, "De periode van de auditexport is ongeldig (van en tot als datum of tijdstip, van voor tot).");

    private final int httpStatus;
    private final String title;

    AdminCode(int httpStatus, String title) {
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
