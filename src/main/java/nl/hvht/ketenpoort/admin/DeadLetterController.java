package nl.hvht.ketenpoort.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.delivery.DiscardCode;
import nl.hvht.ketenpoort.delivery.DeadLetters;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters ({@code /beheer/api/v1/dode-brieven}, admin port only): list (any admin role; metadata only), retry
 * and discard (BEHEERDER; rules in {@link AdminSecurityConfig}). The work is done by {@link DeadLetters}.
 */
@RestController
@RequestMapping("/beheer/api/v1/dode-brieven")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetters.DeadLetter> list(@RequestParam(defaultValue = "false") boolean inclusiefAfgevoerd,
            @RequestParam Optional<String> ontvanger, @RequestParam(defaultValue = "200") int limiet) {
        return deadLetters.list(inclusiefAfgevoerd, ontvanger, limiet);
    }

    @PostMapping("/herkansing")
    Antwoord retry(@Valid @RequestBody Herkansing verzoek, Authentication who) {
        return new Antwoord(deadLetters.retry(items(verzoek.items()), who.getName(), ConsoleAccess.of(who)));
    }

    @PostMapping("/afvoer")
    Antwoord discard(@Valid @RequestBody Afvoer verzoek, Authentication who) {
        return new Antwoord(deadLetters.discard(items(verzoek.items()), verzoek.code() == null ? DiscardCode.ANDERS : verzoek.code(),
                verzoek.reden(), who.getName(), ConsoleAccess.of(who)));
    }

    private static List<DeadLetters.Item> items(List<Bezorging> items) {
        return items.stream().map(i -> new DeadLetters.Item(i.berichtId().toString(), i.ontvanger())).toList();
    }

    /** One delivery of a request. */
    record Bezorging(@NotNull UUID berichtId, @NotBlank @Size(max = 64) String ontvanger) {
    }

    /** Retry these deliveries. */
    record Herkansing(@NotEmpty @Size(max = DeadLetters.MAX_ITEMS) List<@Valid @NotNull Bezorging> items) {
    }

    /**
     * Discard these deliveries: a reason code (default ANDERS; goes to the audit log) and a reason text (stored with the
     * delivery only; it may name a person, so it is never logged).
     */
    record Afvoer(@NotEmpty @Size(max = DeadLetters.MAX_ITEMS) List<@Valid @NotNull Bezorging> items, DiscardCode code,
            @NotBlank @Size(min = 5, max = 1000) String reden) {

        @Override
        public String toString() {
            return "Afvoer[" + items.size() + " items, " + code + "]";
        }
    }

    /** The outcome per delivery. */
    record Antwoord(List<DeadLetters.Result> resultaten) {
    }
}
