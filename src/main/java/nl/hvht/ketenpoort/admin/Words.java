package nl.hvht.ketenpoort.admin;

import java.util.Locale;
import nl.hvht.ketenpoort.problem.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Codes shown as words of the page's language: status words ({@code DELIVERED}, ...), consent reasons
 * ({@code NO_CONSENT}, ...), audit steps, phases, outcomes, break-glass states and problem titles, each the bundle key
 * {@code <soort>.<CODE>} ({@code status.DELIVERED}). A code without a key (a failure word like {@code HTTP_503})
 * is shown as it is. The codes themselves stay in the pages' {@code data-*} attributes and titles (the contract of
 * scripts and tests). In templates {@code ${@woorden.van('status', s.status)}}.
 */
@Component("words")
class Words {

    private final MessageSource messages;

    Words(MessageSource messages) {
        this.messages = messages;
    }

    /** The word for {@code code} of this kind in the current request's language; the code itself without one, "" for null. */
    public String van(String soort, Object code) {
        return van(soort, code, LocaleContextHolder.getLocale());
    }

    String van(String soort, Object code, Locale locale) {
        if (code == null) {
            return "";
        }
        String text = code.toString();
        return text.isEmpty() ? "" : messages.getMessage(soort + "." + text, null, text, locale);
    }

    /** A refusal as the console shows it: the problem's title in the page's language, then its safe detail. */
    String probleem(Rejection refused) {
        String title = messages.getMessage("probleem." + refused.code().name(), null, refused.code().title(),
                LocaleContextHolder.getLocale());
        String detail = refused.safeDetail();
        return detail.equals(refused.code().title()) ? title : title + " " + detail;
    }
}
