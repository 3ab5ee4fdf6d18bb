package nl.hvht.ketenpoort.consent;

import static nl.hvht.ketenpoort.bericht.Categorie.BEHANDELING;
import static nl.hvht.ketenpoort.bericht.Categorie.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.Categorie.IDENTIFICATIE;
import static nl.hvht.ketenpoort.bericht.Categorie.LEEFGEBIEDEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.consent.ConsentVerdict.Outcome;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Example-based tests of the decision rules; ConsentRulesPropertiesTest compares them with a reference model. */
class ConsentRulesTest {

    private static final Instant VAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TOT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Ontvanger ALMELO = new Ontvanger("gemeente-almelo", PartnerSoort.GEMEENTE,
            Set.of(Actor.ROL_UITSTROOMGEMEENTE));
    private static final Ontvanger TRANSFORE = new Ontvanger("transfore", PartnerSoort.ZORGPARTNER, Set.of());

    private static Bepaling permit(Set<String> actors, Set<Categorie> categories, Set<String> doelen,
            Uitzondering... denies) {
        return new Bepaling(actors.stream().map(Actor::parse).collect(java.util.stream.Collectors.toSet()), categories, doelen,
                null, List.of(denies));
    }

    private static Uitzondering deny(Set<String> actors, Set<Categorie> categories, Set<String> doelen) {
        return new Uitzondering(actors.stream().map(Actor::parse).collect(java.util.stream.Collectors.toSet()), categories,
                doelen, null);
    }

    private static Verklaring version(UUID id, int versie, Instant registered, Instant revoked, Bepaling... permits) {
        return new Verklaring(id, "DLN-001", versie, VAN, TOT, List.of(permits), revoked, registered, "hvht", null);
    }

    private static Verklaring verklaring(Bepaling... permits) {
        return version(UUID.randomUUID(), 1, VAN, null, permits);
    }

    private static ConsentVerdict decide(List<Verklaring> versions, Ontvanger recipient, Set<Categorie> categories,
            String doel, Instant at) {
        return ConsentRules.decide(versions, new ConsentRequest(recipient, categories, doel), at);
    }

    private static DenialReason reason(ConsentVerdict verdict, Categorie category) {
        return verdict.perCategory().get(category).reason();
    }

    @Test
    void aPermitForTheRecipientCategoryAndPurposeAllowsOnThatVersion() {
        Verklaring v = verklaring(permit(Set.of("partner:gemeente-almelo"), Set.of(IDENTIFICATIE, LEEFGEBIEDEN), Set.of("nazorg")));
        ConsentVerdict verdict = decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE, LEEFGEBIEDEN), "nazorg", NOW);
        assertThat(verdict.perCategory()).containsOnlyKeys(IDENTIFICATIE, LEEFGEBIEDEN);
        assertThat(verdict.perCategory().get(IDENTIFICATIE)).isEqualTo(Outcome.allowed(Set.of(Grondslag.toestemming(v.id(), 1))));
        assertThat(verdict.base().allowed()).isTrue();
    }

    @Test
    void actorsMatchByPartnerKindOrRole() {
        for (String actor : List.of("partner:gemeente-almelo", "soort:gemeente", "rol:uitstroomgemeente")) {
            Verklaring v = verklaring(permit(Set.of(actor), Set.of(IDENTIFICATIE), Set.of("nazorg")));
            assertThat(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "nazorg", NOW).perCategory().get(IDENTIFICATIE).allowed())
                    .as(actor).isTrue();
            assertThat(reason(decide(List.of(v), TRANSFORE, Set.of(IDENTIFICATIE), "nazorg", NOW), IDENTIFICATIE))
                    .as(actor).isEqualTo(DenialReason.NO_CONSENT);
        }
    }

    @Test
    void theRoleMustBeGivenByTheMessage() {
        Verklaring v = verklaring(permit(Set.of("rol:uitstroomgemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg")));
        Ontvanger almeloWithoutRole = new Ontvanger("gemeente-almelo", PartnerSoort.GEMEENTE, Set.of());
        assertThat(reason(decide(List.of(v), almeloWithoutRole, Set.of(IDENTIFICATIE), "nazorg", NOW), IDENTIFICATIE))
                .isEqualTo(DenialReason.NO_CONSENT);
    }

    @Test
    void eachCategoryIsDecidedOnItsOwn() {
        Verklaring v = verklaring(permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg")));
        ConsentVerdict verdict = decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE, GEZONDHEID), "nazorg", NOW);
        assertThat(verdict.perCategory().get(IDENTIFICATIE).allowed()).isTrue();
        assertThat(reason(verdict, GEZONDHEID)).isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
    }

    @Test
    void aPurposeNotNamedIsPurposeNotCovered() {
        Verklaring v = verklaring(permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg")));
        assertThat(reason(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "toezicht", NOW), IDENTIFICATIE))
                .isEqualTo(DenialReason.PURPOSE_NOT_COVERED);
        assertThat(decide(List.of(v), ALMELO, Set.of(), null, NOW).base().reason()).isEqualTo(DenialReason.PURPOSE_NOT_COVERED);
    }

    @Nested
    class DenyExceptions {

        @Test
        void aNestedDenyWithholdsItsCategoryFromItsActors() {
            Verklaring v = verklaring(permit(Set.of("soort:gemeente", "soort:zorgpartner"), Set.of(IDENTIFICATIE, GEZONDHEID),
                    Set.of("nazorg"), deny(Set.of("soort:gemeente"), Set.of(GEZONDHEID), Set.of())));
            ConsentVerdict almelo = decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE, GEZONDHEID), "nazorg", NOW);
            assertThat(almelo.perCategory().get(IDENTIFICATIE).allowed()).isTrue();
            assertThat(reason(almelo, GEZONDHEID)).isEqualTo(DenialReason.DENIED_BY_EXCEPTION);
            assertThat(decide(List.of(v), TRANSFORE, Set.of(GEZONDHEID), "nazorg", NOW).perCategory().get(GEZONDHEID).allowed())
                    .isTrue();
        }

        @Test
        void aDenyBeatsAPermitInAnotherVerklaring() {
            Verklaring permits = verklaring(permit(Set.of("partner:gemeente-almelo"), Set.of(GEZONDHEID), Set.of("nazorg")));
            Verklaring denies = verklaring(permit(Set.of("soort:gemeente"), Set.of(GEZONDHEID, IDENTIFICATIE), Set.of("nazorg"),
                    deny(Set.of(), Set.of(GEZONDHEID), Set.of())));
            assertThat(reason(decide(List.of(permits, denies), ALMELO, Set.of(GEZONDHEID), "nazorg", NOW), GEZONDHEID))
                    .isEqualTo(DenialReason.DENIED_BY_EXCEPTION);
        }

        @Test
        void anEmptyDenyWithholdsEverythingOfItsPermitIncludingTheBase() {
            Verklaring v = verklaring(permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg"),
                    deny(Set.of("partner:gemeente-almelo"), Set.of(), Set.of())));
            ConsentVerdict verdict = decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "nazorg", NOW);
            assertThat(reason(verdict, IDENTIFICATIE)).isEqualTo(DenialReason.DENIED_BY_EXCEPTION);
            assertThat(verdict.base().reason()).isEqualTo(DenialReason.DENIED_BY_EXCEPTION);
        }

        @Test
        void aDenyForAnotherPurposeOrPeriodDoesNotApply() {
            Uitzondering later = new Uitzondering(Set.of(), Set.of(), Set.of(),
                    new Periode(NOW.plusSeconds(1), TOT));
            Verklaring v = verklaring(permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg", "toezicht"),
                    deny(Set.of(), Set.of(), Set.of("toezicht")), later));
            assertThat(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "nazorg", NOW).perCategory().get(IDENTIFICATIE).allowed())
                    .isTrue();
            assertThat(reason(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "toezicht", NOW), IDENTIFICATIE))
                    .isEqualTo(DenialReason.DENIED_BY_EXCEPTION);
            assertThat(reason(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "nazorg", NOW.plusSeconds(1)), IDENTIFICATIE))
                    .isEqualTo(DenialReason.DENIED_BY_EXCEPTION);
        }
    }

    @Nested
    class Versions {

        @Test
        void theLatestVersionRegisteredBeforeTheMomentCounts() {
            UUID id = UUID.randomUUID();
            Verklaring v1 = version(id, 1, VAN, null, permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE, GEZONDHEID), Set.of("nazorg")));
            Verklaring v2 = version(id, 2, NOW, null, permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg")));
            ConsentVerdict before = decide(List.of(v2, v1), ALMELO, Set.of(IDENTIFICATIE, GEZONDHEID), "nazorg", NOW.minusNanos(1));
            assertThat(before.perCategory().get(GEZONDHEID)).isEqualTo(Outcome.allowed(Set.of(Grondslag.toestemming(id, 1))));
            ConsentVerdict after = decide(List.of(v1, v2), ALMELO, Set.of(IDENTIFICATIE, GEZONDHEID), "nazorg", NOW);
            assertThat(after.perCategory().get(IDENTIFICATIE)).isEqualTo(Outcome.allowed(Set.of(Grondslag.toestemming(id, 2))));
            assertThat(reason(after, GEZONDHEID)).isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
        }

        @Test
        void aVerklaringRegisteredAfterTheMomentDoesNotExistYet() {
            Verklaring v = version(UUID.randomUUID(), 1, NOW.plusSeconds(1), null,
                    permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg")));
            assertThat(reason(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "nazorg", NOW), IDENTIFICATIE))
                    .isEqualTo(DenialReason.NO_CONSENT);
        }

        @Test
        void groundsNameEveryVersionThatCoversTheCategory() {
            Verklaring a = verklaring(permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg")));
            Verklaring b = verklaring(permit(Set.of("rol:uitstroomgemeente"), Set.of(IDENTIFICATIE, LEEFGEBIEDEN), Set.of("nazorg")));
            ConsentVerdict verdict = decide(List.of(a, b), ALMELO, Set.of(IDENTIFICATIE, LEEFGEBIEDEN), "nazorg", NOW);
            assertThat(verdict.perCategory().get(IDENTIFICATIE).grounds()).containsExactlyInAnyOrder(a.grond(), b.grond());
            assertThat(verdict.perCategory().get(LEEFGEBIEDEN).grounds()).containsExactly(b.grond());
        }
    }

    @Nested
    class Time {

        private final Bepaling permit = permit(Set.of("soort:gemeente"), Set.of(IDENTIFICATIE), Set.of("nazorg"));

        @Test
        void validityStartsInclusiveAndEndsExclusive() {
            Verklaring v = verklaring(permit);
            assertThat(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "nazorg", VAN).base().allowed()).isTrue();
            assertThat(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "nazorg", TOT.minusNanos(1)).base().allowed()).isTrue();
            assertThat(decide(List.of(v), ALMELO, Set.of(IDENTIFICATIE), "nazorg", TOT).base().reason())
                    .isEqualTo(DenialReason.EXPIRED);
        }

        @Test
        void revokedAtTheMomentIsRevokedAndARevocationLaterDoesNotApplyYet() {
            Verklaring revoked = version(UUID.randomUUID(), 1, VAN, NOW, permit);
            assertThat(reason(decide(List.of(revoked), ALMELO, Set.of(IDENTIFICATIE), "nazorg", NOW), IDENTIFICATIE))
                    .isEqualTo(DenialReason.REVOKED);
            assertThat(decide(List.of(revoked), ALMELO, Set.of(IDENTIFICATIE), "nazorg", NOW.minusNanos(1)).base().allowed())
                    .isTrue();
        }

        @Test
        void revokedWinsOverExpired() {
            Verklaring expired = verklaring(permit);
            Verklaring revoked = version(UUID.randomUUID(), 1, VAN, NOW, permit);
            assertThat(decide(List.of(expired, revoked), ALMELO, Set.of(IDENTIFICATIE), "nazorg", TOT.plusSeconds(1)).base()
                    .reason()).isEqualTo(DenialReason.REVOKED);
        }

        @Test
        void aProvisionPeriodNarrowsThePermit() {
            Bepaling narrow = new Bepaling(Set.of(Actor.parse("soort:gemeente")), Set.of(BEHANDELING), Set.of("nazorg"),
                    new Periode(VAN, NOW), List.of());
            Verklaring v = verklaring(narrow);
            assertThat(decide(List.of(v), ALMELO, Set.of(BEHANDELING), "nazorg", NOW.minusNanos(1)).base().allowed()).isTrue();
            assertThat(reason(decide(List.of(v), ALMELO, Set.of(BEHANDELING), "nazorg", NOW), BEHANDELING))
                    .isEqualTo(DenialReason.EXPIRED);
        }
    }
}
