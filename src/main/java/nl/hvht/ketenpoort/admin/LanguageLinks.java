package nl.hvht.ketenpoort.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language switch of every console page (fragment {@code talen} in {@code beheer/fragmenten.html}): per language a
 * link to the same page with the same query and {@code lang=<taal>} (path and query only, never a host), and which one
 * the page is in. {@link LanguageChoice} takes the choice.
 */
@ControllerAdvice(basePackageClasses = LanguageLinks.class)
class LanguageLinks {

    /** One language of the switch: its code ({@code nl}, {@code en}), the link, and whether the page is in it. */
    record TaalLink(String taal, String href, boolean actief) {
    }

    @ModelAttribute("talen")
    List<TaalLink> talen(HttpServletRequest request) {
        Locale current = LanguageChoice.supported(LocaleContextHolder.getLocale());
        return LanguageChoice.TALEN.stream()
                .map(taal -> new TaalLink(taal.getLanguage(), href(request, taal.getLanguage()), taal.equals(current)))
                .toList();
    }

    private static String href(HttpServletRequest request, String taal) {
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam(LanguageChoice.PARAM, taal).build().toUriString();
    }
}
