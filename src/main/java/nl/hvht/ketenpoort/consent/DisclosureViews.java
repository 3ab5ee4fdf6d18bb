package nl.hvht.ketenpoort.consent;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.ModelAndView;

/** The printable Dutch HTML page of a disclosure report, for the registrar's API and the admin side alike. */
public final class DisclosureViews {

    /** The page has no scripts, no external assets and only its own inline style. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";

    private DisclosureViews() {
    }

    /** The page for this report, with its security headers set on the response. */
    public static ModelAndView page(DisclosureReport report, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", PAGE_POLICY);
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, "nl");
        return new ModelAndView("consent/verstrekkingen", Map.of("rapport", report, "tekst", new DisclosurePage()));
    }
}
