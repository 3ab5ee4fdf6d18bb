package nl.hvht.ketenpoort.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.hvht.ketenpoort.bericht.Categorie;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Consent configuration ({@code ketenpoort.consent}). Start-up fails on an unknown category, actor or purpose.
 *
 * @param intrekkingMaxWait   how long a revocation or change waits, at most, for delivery attempts under way for
 *                            the participant before it commits (at least the longest attempt: connect + response
 *                            timeout); an attempt older than this no longer holds it up
 * @param expiryWarningDays   default horizon, in days, of the expiry warnings
 * @param wettelijkeTaken     flows that go on a named legal task instead of consent
 * @param withholding         per message type (lower-case) the categories that may be withheld section by section;
 *                            every other category of that type is required (without it the message is withheld)
 */
@Validated
@ConfigurationProperties("ketenpoort.consent")
public record ConsentProperties(
        @NotNull Duration intrekkingMaxWait,
        int expiryWarningDays,
        @Valid List<WettelijkeTaak> wettelijkeTaken,
        @Valid Map<String, Withholding> withholding) {

    public ConsentProperties {
        if (expiryWarningDays < 1 || expiryWarningDays > 366) {
            throw new IllegalArgumentException("ketenpoort.consent.expiry-warning-days must be 1..366");
        }
        wettelijkeTaken = wettelijkeTaken == null ? List.of() : List.copyOf(wettelijkeTaken);
        Map<String, Withholding> byType = new TreeMap<>();
        if (withholding != null) {
            withholding.forEach((type, policy) -> byType.put(type.toLowerCase(Locale.ROOT), policy));
        }
        withholding = Map.copyOf(byType);
        if (wettelijkeTaken.stream().map(WettelijkeTaak::naam).distinct().count() != wettelijkeTaken.size()) {
            throw new IllegalArgumentException("ketenpoort.consent.wettelijke-taken: duplicate naam");
        }
    }

    /** The categories of this message type that may be withheld section by section (none if not configured). */
    public Set<Categorie> optionalCategories(String berichtType) {
        Withholding policy = berichtType == null ? null : withholding.get(berichtType.toLowerCase(Locale.ROOT));
        return policy == null ? Set.of() : policy.categories();
    }

    /**
     * A flow that goes on a legal task: messages of this type, to a recipient this actor names, for this purpose
     * (any if not set), may carry these categories without consent.
     *
     * @param naam        name of the legal task (the ground {@code wettelijke-taak:<naam>})
     * @param berichtType message type
     * @param actor       {@code partner:<id>}, {@code soort:<kind>} or {@code rol:<role>}
     * @param doel        purpose code, or null for any
     * @param categorieen category codes the task covers
     */
    public record WettelijkeTaak(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}") String naam,
            @NotBlank String berichtType,
            @NotBlank String actor,
            String doel,
            @NotEmpty Set<String> categorieen) {

        public WettelijkeTaak {
            String where = "ketenpoort.consent.wettelijke-taken[" + naam + "]: ";
            try {
                Actor.parse(actor);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "actor must be partner:<id>, soort:<kind> or rol:<role>");
            }
            if (doel != null && !Verklaring.DOELEN.contains(doel)) {
                throw new IllegalArgumentException(where + "unknown doel " + doel);
            }
            codes(categorieen, where);
        }

        public Actor parsedActor() {
            return Actor.parse(actor);
        }

        public Set<Categorie> categories() {
            return codes(categorieen, "");
        }
    }

    /** @param optional category codes that may be withheld section by section */
    public record Withholding(Set<String> optional) {

        public Withholding {
            optional = optional == null ? Set.of() : Set.copyOf(optional);
            codes(optional, "ketenpoort.consent.withholding: ");
        }

        Set<Categorie> categories() {
            return codes(optional, "");
        }
    }

    private static Set<Categorie> codes(Set<String> codes, String where) {
        Set<Categorie> categories = EnumSet.noneOf(Categorie.class);
        if (codes != null) {
            for (String code : codes) {
                categories.add(Categorie.fromCode(code)
                        .orElseThrow(() -> new IllegalArgumentException(where + "unknown category " + code)));
            }
        }
        return categories;
    }
}
