package nl.hvht.ketenpoort.admin;

import jakarta.servlet.http.HttpServletResponse;
import nl.hvht.ketenpoort.consent.DisclosureReport;
import nl.hvht.ketenpoort.consent.DisclosureReportService;
import nl.hvht.ketenpoort.consent.DisclosureViews;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * A participant's disclosure report (AVG art. 15) for administrators with role PRIVACY or BEHEERDER (rule in
 * {@link AdminSecurityConfig}): the same report as the registrar's API, JSON or (for {@code Accept: text/html}) the
 * printable page. Every read is audit-logged with the administrator as requester.
 */
@RestController
@RequestMapping("/beheer/api/v1/deelnemers/{deelnemer}/verstrekkingen")
class AdminDisclosureController {

    private final DisclosureReportService reports;

    AdminDisclosureController(DisclosureReportService reports) {
        this.reports = reports;
    }

    @GetMapping
    DisclosureReport json(@PathVariable String deelnemer, Authentication who) {
        return reports.reportFor(deelnemer, requester(who));
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView html(@PathVariable String deelnemer, Authentication who, HttpServletResponse response) {
        return DisclosureViews.page(reports.reportFor(deelnemer, requester(who)), response);
    }

    private static String requester(Authentication who) {
        return "beheerder:" + who.getName();
    }
}
