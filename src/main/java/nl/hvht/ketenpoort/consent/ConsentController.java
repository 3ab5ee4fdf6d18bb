package nl.hvht.ketenpoort.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consent API for the consent registrar: register, change (new version), read and revoke
 * toestemmingsverklaringen. A registration names either {@code bepalingen} (permits with nested deny exceptions)
 * or, as in the first API version, {@code ontvangers}/{@code categorieen}/{@code doelen} (one permit).
 */
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

    @PutMapping("/{id}")
    VerklaringResponse change(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable UUID id,
            @Valid @RequestBody RegistratieRequest request) {
        return VerklaringResponse.of(registry.change(id, request.toRegistratie(), caller.id()));
    }

    @GetMapping
    List<VerklaringResponse> ofParticipant(@AuthenticationPrincipal PartnerPrincipal caller,
            @RequestParam String deelnemer) {
        return registry.ofParticipant(deelnemer, caller.id()).stream()
                .sorted(Comparator.comparing(Verklaring::geregistreerdOp))
                .map(VerklaringResponse::of).toList();
    }

    @GetMapping("/{id}")
    VerklaringResponse get(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable UUID id) {
        return VerklaringResponse.of(registry.find(id, caller.id()));
    }

    @GetMapping("/{id}/versies")
    List<VerklaringResponse> versions(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable UUID id) {
        return registry.versions(id, caller.id()).stream().map(VerklaringResponse::of).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable UUID id) {
        registry.revoke(id, caller.id());
        return ResponseEntity.noContent().build();
    }

    /** Body of {@code POST /api/v1/toestemmingen} and {@code PUT /api/v1/toestemmingen/{id}}. */
    record RegistratieRequest(
            @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}", message = "must be 3-40 upper-case letters, digits or hyphens")
            String deelnemer,
            @Size(max = 20) List<@Valid @NotNull BepalingRequest> bepalingen,
            @Size(max = 100) List<@NotBlank @Size(max = 64) String> ontvangers,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> categorieen,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> doelen,
            @NotNull Instant geldigVan,
            @NotNull Instant geldigTot,
            @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a SHA-256 in hex (64 characters)") String bewijsHash) {

        ConsentRegistry.Registratie toRegistratie() {
            boolean flat = ontvangers != null || categorieen != null || doelen != null;
            if (flat == (bepalingen != null)) {
                throw new Rejection(RejectionCode.VALIDATION_FAILED,
                        "geef bepalingen, of ontvangers, categorieen en doelen (een bepaling), niet beide.");
            }
            List<ConsentRegistry.BepalingInvoer> permits = flat
                    ? List.of(new ConsentRegistry.BepalingInvoer(
                            ontvangers == null ? null : set(ontvangers.stream().map(id -> "partner:" + id).toList()),
                            set(categorieen), set(doelen), null, null, List.of()))
                    : bepalingen.stream().map(BepalingRequest::toInvoer).toList();
            return new ConsentRegistry.Registratie(deelnemer, permits, geldigVan, geldigTot, bewijsHash, null);
        }

        @Override
        public String toString() {
            return "RegistratieRequest[bepalingen=" + (bepalingen == null ? "-" : bepalingen.size()) + "]";
        }
    }

    /** A permit in a request. */
    record BepalingRequest(
            @Size(max = 50) List<@NotBlank @Size(max = 80) String> actoren,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> categorieen,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> doelen,
            Instant geldigVan,
            Instant geldigTot,
            @Size(max = 20) List<@Valid @NotNull UitzonderingRequest> uitzonderingen) {

        ConsentRegistry.BepalingInvoer toInvoer() {
            return new ConsentRegistry.BepalingInvoer(set(actoren), set(categorieen), set(doelen), geldigVan, geldigTot,
                    uitzonderingen == null ? List.of() : uitzonderingen.stream().map(UitzonderingRequest::toInvoer).toList());
        }
    }

    /** A deny exception in a request. */
    record UitzonderingRequest(
            @Size(max = 50) List<@NotBlank @Size(max = 80) String> actoren,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> categorieen,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> doelen,
            Instant geldigVan,
            Instant geldigTot) {

        ConsentRegistry.UitzonderingInvoer toInvoer() {
            return new ConsentRegistry.UitzonderingInvoer(set(actoren), set(categorieen), set(doelen), geldigVan, geldigTot);
        }
    }

    private static Set<String> set(List<String> values) {
        return values == null ? null : new LinkedHashSet<>(values);
    }

    /** A verklaring version as the API shows it; lists sorted for stable output. */
    record VerklaringResponse(
            UUID id,
            int versie,
            String deelnemer,
            List<BepalingResponse> bepalingen,
            Instant geldigVan,
            Instant geldigTot,
            Instant ingetrokkenOp,
            Instant geregistreerdOp,
            String geregistreerdDoor,
            String bewijsHash) {

        static VerklaringResponse of(Verklaring v) {
            return new VerklaringResponse(v.id(), v.versie(), v.deelnemer(),
                    v.bepalingen().stream().map(BepalingResponse::of).toList(), v.geldigVan(), v.geldigTot(),
                    v.ingetrokkenOp(), v.geregistreerdOp(), v.geregistreerdDoor(), v.bewijsHash());
        }

        @Override
        public String toString() {
            return "VerklaringResponse[id=" + id + ", versie=" + versie + "]";
        }
    }

    /** A permit as the API shows it. */
    record BepalingResponse(List<String> actoren, List<String> categorieen, List<String> doelen, Instant geldigVan,
            Instant geldigTot, List<UitzonderingResponse> uitzonderingen) {

        static BepalingResponse of(Bepaling b) {
            return new BepalingResponse(actors(b.actoren()), categories(b.categorieen()), b.doelen().stream().sorted().toList(),
                    b.periode() == null ? null : b.periode().van(), b.periode() == null ? null : b.periode().tot(),
                    b.uitzonderingen().stream().map(UitzonderingResponse::of).toList());
        }
    }

    /** A deny exception as the API shows it. */
    record UitzonderingResponse(List<String> actoren, List<String> categorieen, List<String> doelen, Instant geldigVan,
            Instant geldigTot) {

        static UitzonderingResponse of(Uitzondering u) {
            return new UitzonderingResponse(actors(u.actoren()), categories(u.categorieen()),
                    u.doelen().stream().sorted().toList(), u.periode() == null ? null : u.periode().van(),
                    u.periode() == null ? null : u.periode().tot());
        }
    }

    private static List<String> actors(Set<Actor> actors) {
        return actors.stream().map(Actor::code).sorted().toList();
    }

    private static List<String> categories(Set<Categorie> categories) {
        return categories.stream().map(Categorie::code).sorted().toList();
    }
}
