package nl.hvht.ketenpoort.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DataCategory;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The consent API for the consent registrar: register, read and revoke toestemmingsverklaringen. */
@RestController
@RequestMapping("/api/v1/toestemmingen")
class ConsentController {

    private final ConsentRegistry registry;

    ConsentController(ConsentRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<VerklaringResponse> register(@AuthenticationPrincipal PartnerPrincipal caller,
            @Valid @RequestBody RegistratieRequest request) {
        Verklaring verklaring = registry.register(request.toRegistratie(), caller.id());
        return ResponseEntity.created(URI.create("/api/v1/toestemmingen/" + verklaring.id()))
                .body(VerklaringResponse.of(verklaring));
    }

    @GetMapping("/{id}")
    VerklaringResponse get(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable UUID id) {
        return VerklaringResponse.of(registry.find(id, caller.id()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable UUID id) {
        registry.revoke(id, caller.id());
        return ResponseEntity.noContent().build();
    }

    /** Body of {@code POST /api/v1/toestemmingen}. */
    record RegistratieRequest(
            @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}", message = "must be 3-40 upper-case letters, digits or hyphens")
            String deelnemer,
            @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 64) String> ontvangers,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 40) String> categorieen,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 40) String> doelen,
            @NotNull Instant geldigVan,
            @NotNull Instant geldigTot,
            @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a SHA-256 in hex (64 characters)") String bewijsHash) {

        ConsentRegistry.Registratie toRegistratie() {
            return new ConsentRegistry.Registratie(deelnemer, new LinkedHashSet<>(ontvangers),
                    new LinkedHashSet<>(categorieen), new LinkedHashSet<>(doelen), geldigVan, geldigTot, bewijsHash);
        }

        @Override
        public String toString() {
            return "RegistratieRequest[ontvangers=" + ontvangers + ", categorieen=" + categorieen + ", doelen=" + doelen + "]";
        }
    }

    /** A verklaring as the API shows it; lists sorted for stable output. */
    record VerklaringResponse(
            UUID id,
            int versie,
            String deelnemer,
            List<String> ontvangers,
            List<String> categorieen,
            List<String> doelen,
            Instant geldigVan,
            Instant geldigTot,
            Instant ingetrokkenOp,
            Instant geregistreerdOp,
            String geregistreerdDoor,
            String bewijsHash) {

        static VerklaringResponse of(Verklaring v) {
            return new VerklaringResponse(v.id(), v.versie(), v.deelnemer(), v.ontvangers().stream().sorted().toList(),
                    v.categorieen().stream().map(DataCategory::code).sorted().toList(), v.doelen().stream().sorted().toList(),
                    v.geldigVan(), v.geldigTot(), v.ingetrokkenOp(), v.geregistreerdOp(), v.geregistreerdDoor(),
                    v.bewijsHash());
        }

        @Override
        public String toString() {
            return "VerklaringResponse[id=" + id + ", versie=" + versie + "]";
        }
    }
}
