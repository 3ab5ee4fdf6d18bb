package nl.hvht.ketenpoort.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One row of {@code audit_record}, exactly as stored (or, {@link #unchained}, before it has its place in the chain):
 * the chain hash is computed over these values
 * (see {@link AuditHash}), so what is read back verifies bit for bit. Times are kept to the
 * microsecond, the precision of {@code timestamp with time zone}.
 *
 * <p>A record of hash format 1 (written before Flyway V24) has no {@link Logboek} part; every record written since has
 * one (format 2) and its hash covers it.
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
        String hash,
        Logboek logboek) {

    /** The hash before the first record. */
    static final String GENESIS_HASH = "0".repeat(64);
    /** The hash format of records without a Logboek part. */
    static final int FORMAT_1 = 1;
    /** The hash format of records with a Logboek part. */
    static final int FORMAT_2 = 2;

    /** A record of format 1 (no Logboek part). */
    AuditRecord(long volgnummer, Instant tijdstip, String traceId, String stap, String berichtId, String berichtType,
            String afzender, String ontvanger, String deelnemerPseudoniem, String categorieen, String uitkomst, String reden,
            String vorigeHash, String hash) {
        this(volgnummer, tijdstip, traceId, stap, berichtId, berichtType, afzender, ontvanger, deelnemerPseudoniem,
                categorieen, uitkomst, reden, vorigeHash, hash, null);
    }

    /**
     * The Logboek Dataverwerkingen fields of a record (format 2). The record's {@code trace_id} is its trace; its
     * {@code tijdstip} is the end of the operation; its pseudonym the data subject id.
     *
     * @param spanId          this record's own span (16 hex)
     * @param parentSpanId    the span it happened in, or null
     * @param foreignTraceId  the calling party's trace id, or null
     * @param foreignSpanId   the calling party's span id, or null
     * @param foreignEntity   the calling party, or null
     * @param statusCode      {@code OK} or {@code ERROR}
     * @param startTijd       start of the operation
     * @param resource        the processing system
     * @param activiteit      processing activity id (URI), null for a step about no readable message
     * @param doel            purpose of the message, or purpose of use of a console access
     * @param betrokkeneType  kind of data subject id ({@link #PSEUDONIEM_TYPE}), null without one
     * @param actorRol        roles of a console user, or null
     * @param toegangspunt    network access point of a console user, or null
     */
    record Logboek(String spanId, String parentSpanId, String foreignTraceId, String foreignSpanId, String foreignEntity,
            String statusCode, Instant startTijd, String resource, String activiteit, String doel, String betrokkeneType,
            String actorRol, String toegangspunt) {

        /** {@code dpl.core.data_subject_id_type} of the participant pseudonym. */
        static final String PSEUDONIEM_TYPE = "ketenpoort-deelnemer-pseudoniem";
    }

    int hashVersie() {
        return logboek == null ? FORMAT_1 : FORMAT_2;
    }

    /**
     * The record for {@code event} before it has a place in the chain: volgnummer 0, no previous hash, no hash. The
     * database function {@code audit_aanvullen} gives it those from {@link AuditHash#fields} (see {@link JdbcAuditLog}).
     */
    static AuditRecord unchained(Instant tijdstip, AuditEvent event, String traceId, Logboek logboek) {
        String categorieen = event.categorieCodes();
        return new AuditRecord(0, tijdstip.truncatedTo(ChronoUnit.MICROS), traceId, event.step().name(), event.berichtId(),
                event.berichtType(), event.afzender(), event.ontvanger(), event.deelnemerPseudoniem(),
                categorieen.isEmpty() ? null : categorieen, event.uitkomst(), event.reden(), null, null, logboek);
    }

    /**
     * The next record of the chain for {@code event}, with its hash computed (format 2): in Java what the database
     * function {@code audit_aanvullen} does for the writer; the tests chain with it to compare.
     */
    static AuditRecord append(long volgnummer, Instant tijdstip, AuditEvent event, String vorigeHash, String traceId,
            Logboek logboek) {
        AuditRecord r = unchained(tijdstip, event, traceId, logboek);
        AuditRecord unhashed = new AuditRecord(volgnummer, r.tijdstip, r.traceId, r.stap, r.berichtId, r.berichtType,
                r.afzender, r.ontvanger, r.deelnemerPseudoniem, r.categorieen, r.uitkomst, r.reden, vorigeHash, null, logboek);
        return unhashed.withHash(AuditHash.of(unhashed));
    }

    AuditRecord withHash(String newHash) {
        return new AuditRecord(volgnummer, tijdstip, traceId, stap, berichtId, berichtType, afzender, ontvanger,
                deelnemerPseudoniem, categorieen, uitkomst, reden, vorigeHash, newHash, logboek);
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
        checkLength("doel", event.doel(), 64);
        if (event.span() != null && event.span().foreign() != null) {
            checkLength("foreign.entity", event.span().foreign().entity(), 100);
        }
        if (event.toegang() != null) {
            checkLength("toegang.rol", event.toegang().rol(), 100);
            checkLength("toegang.netwerkToegangspunt", event.toegang().netwerkToegangspunt(), 100);
        }
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException("audit field " + field + " longer than " + max + " characters");
        }
    }
}
