package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/toestemmingen/waarschuwingen?dagen=N} for the consent registrar (the path is under the
 * registrar rule of {@code partner.PartnerSecurityConfig}): verklaringen ending within N days (default
 * {@code ketenpoort.consent.expiry-warning-days}, 1..366), and participants whose consent ends before a known
 * release or hand-over date.
 */
@RestController
class WarningController {

    private final ExpiryWarnings warnings;
    private final ConsentProperties properties;
    private final Clock clock;

    WarningController(ExpiryWarnings warnings, ConsentProperties properties, Clock clock) {
        this.warnings = warnings;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/v1/toestemmingen/waarschuwingen")
    Waarschuwingen warnings(@RequestParam(required = false) String dagen) {
        int days = days(dagen);
        return new Waarschuwingen(days, clock.instant(), warnings.expiring(days), warnings.beforeMilestones());
    }

    private int days(String dagen) {
        if (dagen == null) {
            return properties.expiryWarningDays();
        }
        try {
            int days = Integer.parseInt(dagen.trim());
            if (days >= 1 && days <= 366) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Rejection(RejectionCode.VALIDATION_FAILED, "dagen moet een geheel getal van 1 tot en met 366 zijn.");
    }

    /**
     * The answer.
     *
     * @param dagen                  the horizon used
     * @param opgesteldOp            when the list was made
     * @param verlopend              verklaringen ending within the horizon, soonest first
     * @param eindigtVoorUitstroom   participants whose consent ends before a release or hand-over date, by date
     */
    record Waarschuwingen(int dagen, Instant opgesteldOp, List<ExpiryWarnings.Verloopt> verlopend,
            List<ExpiryWarnings.VoorMijlpaal> eindigtVoorUitstroom) {
    }
}
