package nl.hvht.ketenpoort.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.consent.Doorbraak;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Break-glass requests ({@code /beheer/api/v1/doorbraken}, admin port only): request (BEHEERDER), approve (another
 * BEHEERDER), refuse (BEHEERDER), list (any admin role; the motivering only for BEHEERDER and PRIVACY).
 */
@RestController
@RequestMapping("/beheer/api/v1/doorbraken")
class DoorbraakController {

    private final DoorbraakService beheer;

    DoorbraakController(DoorbraakService beheer) {
        this.beheer = beheer;
    }

    @PostMapping
    ResponseEntity<View> aanvragen(@Valid @RequestBody Aanvraag aanvraag, Authentication who) {
        Doorbraak request = beheer.aanvragen(aanvraag.berichtId().toString(), aanvraag.ontvanger(), aanvraag.motivering(), who.getName());
        return ResponseEntity.created(URI.create("/beheer/api/v1/doorbraken/" + request.id())).body(View.of(request, true));
    }

    @PostMapping("/{id}/goedkeuring")
    View goedkeuren(@PathVariable UUID id, Authentication who) {
        return View.of(beheer.goedkeuren(id, who.getName()), true);
    }

    @PostMapping("/{id}/afwijzing")
    View afwijzen(@PathVariable UUID id, Authentication who) {
        return View.of(beheer.afwijzen(id, who.getName()), true);
    }

    @GetMapping
    List<View> list(@RequestParam Optional<Doorbraak.Status> status, Authentication who) {
        boolean motivering = who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(AdminRole.BEHEERDER.authority())
                || a.getAuthority().equals(AdminRole.PRIVACY.authority()));
        return beheer.list(status).stream().map(d -> View.of(d, motivering)).toList();
    }

    /** A break-glass request. */
    record Aanvraag(@NotNull UUID berichtId, @NotBlank @Size(max = 64) String ontvanger,
            @NotNull @Size(min = Doorbraak.MOTIVERING_MIN, max = Doorbraak.MOTIVERING_MAX) String motivering) {

        @Override
        public String toString() {
            return "Aanvraag[" + berichtId + ", " + ontvanger + "]";
        }
    }

    /** A request as shown: metadata, and the motivering only to those entitled. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(UUID id, String berichtId, String ontvanger, String aangevraagdDoor, Instant aangevraagdOp, String status,
            String beoordeeldDoor, Instant beoordeeldOp, String grondslag, String motivering) {

        static View of(Doorbraak d, boolean withMotivering) {
            return new View(d.id(), d.berichtId(), d.ontvanger(), d.aangevraagdDoor(), d.aangevraagdOp(), d.status().name(),
                    d.beoordeeldDoor(), d.beoordeeldOp(), d.grond().code(), withMotivering ? d.motivering() : null);
        }
    }
}
