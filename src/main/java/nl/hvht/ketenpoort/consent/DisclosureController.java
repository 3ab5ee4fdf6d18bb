package nl.hvht.ketenpoort.consent;

import jakarta.servlet.http.HttpServletResponse;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * A participant's disclosure report for the consent registrar (access rule in {@code partner.PartnerSecurityConfig}):
 * {@code GET /api/v1/deelnemers/{deelnemer}/verstrekkingen} answers JSON by default ({@code Accept:
 * application/json} or none), and a printable Dutch HTML page for {@code Accept: text/html}.
 */
@RestController
@RequestMapping("/api/v1/deelnemers/{deelnemer}/verstrekkingen")
class DisclosureController {

    private final DisclosureReportService reports;

    DisclosureController(DisclosureReportService reports) {
        this.reports = reports;
    }

    @GetMapping
    DisclosureReport json(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable String deelnemer) {
        return reports.reportFor(deelnemer, caller.id());
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView html(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable String deelnemer,
            HttpServletResponse response) {
        return DisclosureViews.page(reports.reportFor(deelnemer, caller.id()), response);
    }
}
