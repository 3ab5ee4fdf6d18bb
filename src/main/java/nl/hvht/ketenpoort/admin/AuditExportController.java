package nl.hvht.ketenpoort.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditExport;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.problem.AdminCode;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /beheer/api/v1/audit/export?van=...&tot=...[&deelnemer=...]}: the audit records of a period as JSON lines
 * ({@code application/x-ndjson}) in the shape of Logboek Dataverwerkingen ({@link AuditExport}), for role PRIVACY only
 * (rule in {@link AdminSecurityConfig}). {@code van} (inclusive) and {@code tot} (exclusive) are a date (the start of
 * that day in Europe/Amsterdam) or an ISO-8601 timestamp with offset; with {@code deelnemer} only that participant's
 * records, found by his pseudonym under every key (as the disclosure report). A bad period is 400
 * {@code AUDIT_PERIODE_ONGELDIG}. The export itself is audit-logged ({@link AuditStep#AUDIT_EXPORT}, with the NEN 7513
 * fields) before the first line is written: no record, no export.
 */
@RestController
class AuditExportController {

    static final String PATH = "/beheer/api/v1/audit/export";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final AuditExport export;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;

    AuditExportController(AuditExport export, AuditLog audit, Pseudonymizer pseudonymizer) {
        this.export = export;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
    }

    @GetMapping(PATH)
    void export(@RequestParam(required = false) String van, @RequestParam(required = false) String tot,
            @RequestParam(required = false) String deelnemer, Authentication who, HttpServletResponse response)
            throws IOException {
        Instant from = moment(van);
        Instant to = moment(tot);
        if (!from.isBefore(to)) {
            throw new Rejection(AdminCode.AUDIT_PERIODE_ONGELDIG, "van moet voor tot liggen.");
        }
        boolean oneParticipant = deelnemer != null && !deelnemer.isBlank();
        if (oneParticipant && deelnemer.length() > 200) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED, "deelnemer is te lang.");
        }
        List<String> pseudonyms = oneParticipant ? pseudonymizer.pseudonyms(deelnemer.strip()) : List.of();
        audit.record(new AuditEvent(MDC.get("traceId"), AuditStep.AUDIT_EXPORT, null, null,
                AdminSecurityConfig.actor(who.getName()), null, oneParticipant ? pseudonyms.get(0) : null, null, "OK",
                "van:" + from + " tot:" + to)
                .voorDoel(ConsoleAccess.VERANTWOORDING).door(ConsoleAccess.of(who)));
        response.setContentType(AuditExport.NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        export.export(from, to, pseudonyms, response.getOutputStream());
    }

    /** A date (start of day, Europe/Amsterdam) or a timestamp with offset; anything else is refused. */
    static Instant moment(String value) {
        if (value == null || value.isBlank() || value.length() > 40) {
            throw new Rejection(AdminCode.AUDIT_PERIODE_ONGELDIG, "van en tot zijn verplicht.");
        }
        String v = value.strip();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(AMSTERDAM).toInstant() : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new Rejection(AdminCode.AUDIT_PERIODE_ONGELDIG, "van en tot zijn een datum (2026-12-01) of tijdstip"
                    + " (2026-12-01T08:00:00+01:00).");
        }
    }
}
