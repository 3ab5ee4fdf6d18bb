package nl.hvht.ketenpoort.admin;

import nl.hvht.ketenpoort.problem.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The result of a console action, shown once on the page it redirects to ({@code <p class="melding" data-resultaat="ok|fout">}):
 * a text from the message bundle in the page's language, or for a refusal the problem's title (in the page's language) and
 * its safe detail (as the API gives it; never a stack trace).
 */
@Component
class Notices {

    private final MessageSource messages;
    private final Words woorden;

    Notices(MessageSource messages, Words woorden) {
        this.messages = messages;
        this.woorden = woorden;
    }

    void ok(RedirectAttributes flash, String key, Object... args) {
        flash.addFlashAttribute("resultaat", "ok");
        flash.addFlashAttribute("melding", messages.getMessage(key, args, LocaleContextHolder.getLocale()));
    }

    void fout(RedirectAttributes flash, String key, Object... args) {
        flash.addFlashAttribute("resultaat", "fout");
        flash.addFlashAttribute("melding", messages.getMessage(key, args, LocaleContextHolder.getLocale()));
    }

    void fout(RedirectAttributes flash, Rejection refused) {
        flash.addFlashAttribute("resultaat", "fout");
        flash.addFlashAttribute("melding", woorden.probleem(refused));
    }
}
