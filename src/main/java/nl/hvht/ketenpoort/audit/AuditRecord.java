package nl.hvht.ketenpoort.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One row of {@code audit_record}, exactly as stored: the chain hash is computed over these values
 * (see {@link AuditHash}), so what is read back verifies bit for bit. Times are kept to the
 * microsecond, the precision of {@code timestamp with time zone}.
 */
record AuditRecord(
        long volgnummer,
        Instant tijdstip,
        String traceId,
        String stap,
        String berichtId,
        String berichtType,
        String afzender,
        String ontvanger,
        String deelnemerPseudoniem,
        String categorieen,
        String uitkomst,
        String reden,
        String vorigeHash,
        String hash) {

    /** The hash before the first record. */
    static final String GENESIS_HASH = "0".repeat(64);

    /** The next record of the chain for {@code event}, with its hash computed. */
    static AuditRecord append(long volgnummer, Instant tijdstip, AuditEvent event, String vorigeHash) {
        String categorieen = event.categorieCodes();
        AuditRecord unhashed = new AuditRecord(volgnummer, tijdstip.truncatedTo(ChronoUnit.MICROS),
                event.traceId(), event.step().name(), event.berichtId(), event.berichtType(), event.afzender(),
                event.ontvanger(), event.deelnemerPseudoniem(), categorieen.isEmpty() ? null : categorieen,
                event.uitkomst(), event.reden(), vorigeHash, null);
        return unhashed.withHash(AuditHash.of(unhashed));
    }

    AuditRecord withHash(String newHash) {
        return new AuditRecord(volgnummer, tijdstip, traceId, stap, berichtId, berichtType, afzender, ontvanger,
                deelnemerPseudoniem, categorieen, uitkomst, reden, vorigeHash, newHash);
    }

    /**
     * Refuses an event the table cannot hold, before it joins a batch (one bad event must not fail the
     * commit of the others). The message names the field and limit only, never the value.
     */
    static void check(AuditEvent event) {
        if (event == null || event.step() == null) {
            throw new IllegalArgumentException("audit event and its step are required");
        }
        checkLength("traceId", event.traceId(), 100);
        checkLength("berichtId", event.berichtId(), 200);
        checkLength("berichtType", event.berichtType(), 64);
        checkLength("afzender", event.afzender(), 100);
        checkLength("ontvanger", event.ontvanger(), 100);
        checkLength("deelnemerPseudoniem", event.deelnemerPseudoniem(), 64);
        checkLength("uitkomst", event.uitkomst(), 64);
        checkLength("reden", event.reden(), 500);
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException("audit field " + field + " longer than " + max + " characters");
        }
    }
}
