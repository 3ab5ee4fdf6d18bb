package nl.hvht.ketenpoort.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.delivery.DiscardCode;
import nl.hvht.ketenpoort.delivery.DeadLetters;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead letters page ({@code /beheer/dode-brieven}): the open dead letters (any admin role; metadata only) and, for
 * BEHEERDER (rule in {@link AdminSecurityConfig}), one form to retry a selection or discard it with a reason code and
 * text. The work, the limits and the audit records ({@code DEAD_LETTER_RETRIED}, {@code DEAD_LETTER_DISCARDED}) are
 * {@link DeadLetters}'; a refusal is shown on the page. After an action: redirect back with the result.
 */
@Controller
@RequestMapping("/beheer/dode-brieven")
class DeadLetterPage {

    static final int LIMIET = 200;
    private static final String TERUG = "redirect:/beheer/dode-brieven";

    private final DeadLetters deadLetters;
    private final Notices meldingen;

    DeadLetterPage(DeadLetters deadLetters, Notices meldingen) {
        this.deadLetters = deadLetters;
        this.meldingen = meldingen;
    }

    @GetMapping
    String lijst(Authentication who, Model model) {
        List<DeadLetters.DeadLetter> open = deadLetters.list(false, Optional.empty(), LIMIET);
        model.addAttribute("pagina", "dodebrieven");
        model.addAttribute("dodeBrieven", open);
        model.addAttribute("afgekapt", open.size() >= LIMIET);
        model.addAttribute("codes", Arrays.stream(DiscardCode.values()).map(Enum::name).toList());
        model.addAttribute("magHandelen", Roles.has(who, AdminRole.BEHEERDER));
        return "beheer/dode-brieven";
    }

    @PostMapping("/herkansing")
    String herkansing(@RequestParam(name = "item", required = false) List<String> items, Authentication who, RedirectAttributes flash) {
        try {
            List<DeadLetters.Result> results = deadLetters.retry(items(items), who.getName(), ConsoleAccess.of(who));
            meldingen.ok(flash, "dodebrieven.herkansing.ok", results.size());
        } catch (Rejection refused) {
            meldingen.fout(flash, refused);
        }
        return TERUG;
    }

    @PostMapping("/afvoer")
    String afvoer(@RequestParam(name = "item", required = false) List<String> items, @RequestParam(required = false) String code,
            @RequestParam(required = false) String reden, Authentication who, RedirectAttributes flash) {
        DiscardCode afvoerCode = Arrays.stream(DiscardCode.values()).filter(c -> c.name().equals(code)).findFirst().orElse(null);
        String tekst = reden == null ? "" : reden.strip();
        if (afvoerCode == null || tekst.length() < 5 || tekst.length() > 1000) {
            meldingen.fout(flash, "dodebrieven.afvoer.ongeldig");
            return TERUG;
        }
        try {
            List<DeadLetters.Result> results = deadLetters.discard(items(items), afvoerCode, tekst, who.getName(), ConsoleAccess.of(who));
            meldingen.ok(flash, "dodebrieven.afvoer.ok", results.size());
        } catch (Rejection refused) {
            meldingen.fout(flash, refused);
        }
        return TERUG;
    }

    /** {@code berichtId:ontvanger} values of the checked boxes (a berichtId holds no colon); invalid ones are refused. */
    private static List<DeadLetters.Item> items(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new Rejection(nl.hvht.ketenpoort.problem.RejectionCode.VALIDATION_FAILED, "Kies minstens één bezorging.");
        }
        try {
            return values.stream().map(v -> {
                int colon = v.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("no colon");
                }
                return new DeadLetters.Item(v.substring(0, colon), v.substring(colon + 1));
            }).toList();
        } catch (IllegalArgumentException e) {
            throw new Rejection(nl.hvht.ketenpoort.problem.RejectionCode.VALIDATION_FAILED, "Ongeldige bezorging gekozen.");
        }
    }
}
