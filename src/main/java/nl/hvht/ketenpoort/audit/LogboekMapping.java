package nl.hvht.ketenpoort.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * How an audited step becomes the Logboek Dataverwerkingen fields of its record (format 2, {@link AuditRecord.Logboek}):
 * its trace id as 16 bytes, a span id of its own, the span it happened in, the calling party's operation, a status, its
 * start, the processing system, its processing activity ({@link Verwerkingsregister}), the purpose, the kind of data
 * subject id, and for a console access the user's role and network access point (NEN 7513).
 */
final class LogboekMapping {

    static final String OK = "OK";
    static final String ERROR = "ERROR";
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Set<AuditStep> FAILED_STEPS = EnumSet.of(AuditStep.REJECTED, AuditStep.DEAD_LETTERED,
            AuditStep.RECEIPT_REJECTED);
    private static final Set<String> FAILED_OUTCOMES = Set.of(AuditLog.ROLLED_BACK, AuditLog.OUTCOME_UNKNOWN, "WACHTWOORD_FOUT", "TOTP_FOUT", "GEBLOKKEERD");

    private LogboekMapping() {
    }

    /**
     * The record's trace id: the event's as given (the W3C trace id of its request or delivery, 32 hex, or the consent
     * registry's UUID, which the export writes without dashes); for a step outside any trace (a refused login at a
     * moment no span was under way) a new random trace of 16 bytes, so every record of format 2 has one.
     */
    static String traceId(String given) {
        return given != null ? given : randomHex(16);
    }

    /** The Logboek part of the record of {@code event}, ended at {@code end}. */
    static AuditRecord.Logboek of(AuditEvent event, Instant end, Activiteiten activiteiten) {
        AuditSpan span = event.span();
        AuditSpan.ForeignOperation foreign = span == null ? null : span.foreign();
        boolean validForeign = foreign != null && foreign.traceId() != null && TRACE_ID.matcher(foreign.traceId()).matches()
                && foreign.spanId() != null && SPAN_ID.matcher(foreign.spanId()).matches();
        String parent = span == null || span.parentSpanId() == null || !SPAN_ID.matcher(span.parentSpanId()).matches()
                || isZero(span.parentSpanId()) ? null : span.parentSpanId();
        Instant endMicros = end.truncatedTo(ChronoUnit.MICROS);
        Instant start = span == null || span.start() == null || span.start().isAfter(end) ? endMicros
                : span.start().truncatedTo(ChronoUnit.MICROS);
        Verwerkingsregister.Verwerkingsactiviteit activiteit = activiteiten.voor(event);
        Toegang toegang = event.toegang();
        return new AuditRecord.Logboek(randomHex(8), parent,
                validForeign ? foreign.traceId() : null, validForeign ? foreign.spanId() : null,
                validForeign ? foreign.entity() : null,
                statusCode(event), start, activiteiten.resource(),
                activiteit == null ? null : activiteit.id(), event.doel(),
                event.deelnemerPseudoniem() == null ? null : AuditRecord.Logboek.PSEUDONIEM_TYPE,
                toegang == null ? null : toegang.rol(), toegang == null ? null : toegang.netwerkToegangspunt());
    }

    /** {@code ERROR} for a refusal, a failed attempt or login, a dead letter, a rolled-back step; else {@code OK}. */
    static String statusCode(AuditEvent event) {
        String outcome = event.uitkomst();
        if (FAILED_STEPS.contains(event.step()) || (outcome != null && FAILED_OUTCOMES.contains(outcome))) {
            return ERROR;
        }
        if (event.step() == AuditStep.DELIVERY_ATTEMPT && outcome != null && !OK.equals(outcome)) {
            return ERROR;
        }
        return OK;
    }

    private static boolean isZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(id);
        } while (isZero(HexFormat.of().formatHex(id)));
        return HexFormat.of().formatHex(id);
    }
}
