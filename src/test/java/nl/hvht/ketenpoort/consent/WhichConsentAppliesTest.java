package nl.hvht.ketenpoort.consent;

import static nl.hvht.ketenpoort.bericht.Categorie.BEHANDELING;
import static nl.hvht.ketenpoort.bericht.Categorie.DETENTIE;
import static nl.hvht.ketenpoort.bericht.Categorie.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.Categorie.IDENTIFICATIE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of the README's "Which consent applies", one nested class per rule, each decided as the gate decides
 * (legal tasks and redaction in {@link CopyPolicy}, the verklaringen in {@link ConsentRules}) with the message
 * types' redaction as configured in application.yml.
 */
class WhichConsentAppliesTest {

    private static final Instant VAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TOT = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofDays(7));
    private static final Ontvanger ALMELO = new Ontvanger("gemeente-almelo", PartnerSoort.GEMEENTE,
            Set.of(Actor.ROL_UITSTROOMGEMEENTE));
    private static final Ontvanger WOONGEMEENTE = new Ontvanger("gemeente-almelo", PartnerSoort.GEMEENTE,
            Set.of(Actor.ROL_WOONGEMEENTE));
    private static final Ontvanger TRANSFORE = new Ontvanger("transfore", PartnerSoort.ZORGPARTNER, Set.of(Actor.ROL_ZORGPARTNER));

    private final CopyPolicy policy = new CopyPolicy(new ConsentProperties(Duration.ofSeconds(40), 30,
            List.of(new ConsentProperties.WettelijkeTaak("detentiemelding-woongemeente", "Detentiemelding", "rol:woongemeente",
                    null, Set.of("identificatie", "detentie"))),
            Map.of("overdracht", new ConsentProperties.Withholding(
                            Set.of("basisvoorwaarden", "leefgebieden", "behandeling", "gezondheid", "risico", "netwerk")),
                    "verwijzingsantwoord", new ConsentProperties.Withholding(Set.of()),
                    "detentiemelding", new ConsentProperties.Withholding(Set.of()))));

    /** What the gate decides for this recipient of a message of this type with these sections, at {@code at}. */
    private ConsentDecision decide(List<Verklaring> versions, String type, Ontvanger recipient, Set<Categorie> sections,
            String doel, Instant at) {
        ConsentGate.Check check = new ConsentGate.Check("t", ConsentLog.Phase.INTAKE, UUID.randomUUID().toString(), type,
                "hvht", recipient, "DLN-001", sections, doel, null);
        ConsentVerdict verdict = ConsentRules.decide(versions,
                new ConsentRequest(recipient, policy.needsConsent(check), doel), at);
        return policy.decide(check, verdict);
    }

    private ConsentDecision overdracht(List<Verklaring> versions, Ontvanger recipient, Set<Categorie> sections, Instant at) {
        return decide(versions, "Overdracht", recipient, sections, "nazorg", at);
    }

    private static Bepaling permit(String actor, Set<Categorie> categories, Uitzondering... denies) {
        return new Bepaling(Set.of(Actor.parse(actor)), categories, Set.of("nazorg"), null, List.of(denies));
    }

    private static Uitzondering deny(Set<String> actors, Categorie... categories) {
        return new Uitzondering(actors.stream().map(Actor::parse).collect(Collectors.toSet()), Set.of(categories), Set.of(),
                null);
    }

    private static Verklaring version(UUID id, int versie, Instant registered, Instant start, Instant revoked,
            Bepaling... permits) {
        return new Verklaring(id, "DLN-001", versie, start, TOT, List.of(permits), revoked, registered, "hvht", null);
    }

    private static Verklaring verklaring(Bepaling... permits) {
        return version(UUID.randomUUID(), 1, VAN, VAN, null, permits);
    }

    private static Set<Categorie> all(Categorie... categories) {
        return Set.copyOf(Arrays.asList(categories));
    }

    @Nested
    class WhichVersionIsInForce {

        private final UUID id = UUID.randomUUID();
        /** Version 1: the municipality gets identificatie, detentie and gezondheid. */
        private final Verklaring v1 = version(id, 1, VAN, VAN, null,
                permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE, GEZONDHEID)));
        /** Version 2, registered now, from next week: no more gezondheid. */
        private final Verklaring v2 = version(id, 2, NOW, START, null, permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE)));
        private final Set<Categorie> sections = all(IDENTIFICATIE, DETENTIE, GEZONDHEID);

        @Test
        void aVersionWithAFutureStartLeavesTheOneBeforeInForceUntilThatStart() {
            ConsentDecision before = overdracht(List.of(v1, v2), ALMELO, sections, START.minusNanos(1));
            assertThat(before.allowed()).isTrue();
            assertThat(before.withheld()).isEmpty();
            assertThat(before.grounds()).containsExactly(Grondslag.toestemming(id, 1));

            ConsentDecision from = overdracht(List.of(v1, v2), ALMELO, sections, START);
            assertThat(from.withheld()).containsExactly(GEZONDHEID);
            assertThat(from.grounds()).containsExactly(Grondslag.toestemming(id, 2));
        }

        @Test
        void aVersionWhoseStartHasPassedTakesOverAtItsRegistration() {
            Verklaring v2Now = version(id, 2, NOW, VAN, null, permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE)));
            assertThat(overdracht(List.of(v1, v2Now), ALMELO, sections, NOW.minusNanos(1)).grounds())
                    .containsExactly(Grondslag.toestemming(id, 1));
            assertThat(overdracht(List.of(v1, v2Now), ALMELO, sections, NOW).grounds()).containsExactly(Grondslag.toestemming(id, 2));
        }

        @Test
        void ofTheVersionsThatHaveStartedTheLatestRegisteredCounts() {
            // Version 3, registered after version 2, starts before it: version 2 is never in force.
            Verklaring v3 = version(id, 3, NOW.plusSeconds(60), NOW.plus(Duration.ofDays(3)), null,
                    permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE, GEZONDHEID)));
            List<Verklaring> versions = List.of(v1, v2, v3);
            assertThat(overdracht(versions, ALMELO, sections, NOW.plus(Duration.ofDays(1))).grounds())
                    .containsExactly(Grondslag.toestemming(id, 1));
            assertThat(overdracht(versions, ALMELO, sections, NOW.plus(Duration.ofDays(3))).grounds())
                    .containsExactly(Grondslag.toestemming(id, 3));
            assertThat(overdracht(versions, ALMELO, sections, START.plusSeconds(1)).grounds())
                    .containsExactly(Grondslag.toestemming(id, 3));
        }

        @Test
        void aVerklaringWhoseFirstVersionHasNotStartedIsExpired() {
            Verklaring later = version(UUID.randomUUID(), 1, NOW, START, null, permit("soort:gemeente", sections));
            assertThat(overdracht(List.of(later), ALMELO, sections, NOW)).isEqualTo(ConsentDecision.denied(DenialReason.EXPIRED));
            assertThat(overdracht(List.of(later), ALMELO, sections, START).allowed()).isTrue();
        }

        @Test
        void aRevocationEndsEveryVersionAtItsMomentAlsoOneNotStartedYet() {
            Instant revokedAt = NOW.plus(Duration.ofHours(1));
            List<Verklaring> revoked = List.of(version(id, 1, VAN, VAN, revokedAt, v1.bepalingen().toArray(Bepaling[]::new)),
                    version(id, 2, NOW, START, revokedAt, v2.bepalingen().toArray(Bepaling[]::new)));
            assertThat(overdracht(revoked, ALMELO, sections, revokedAt.minusNanos(1)).grounds())
                    .containsExactly(Grondslag.toestemming(id, 1));
            assertThat(overdracht(revoked, ALMELO, sections, revokedAt)).isEqualTo(ConsentDecision.denied(DenialReason.REVOKED));
            assertThat(overdracht(revoked, ALMELO, sections, START)).isEqualTo(ConsentDecision.denied(DenialReason.REVOKED));
        }
    }

    @Nested
    class HowFarADenyReaches {

        @Test
        void aDenyWithholdsOnlyWhatItsOwnPermitGives() {
            // Permit 1 gives identificatie and detentie; permit 2 gives gezondheid, except (a deny with no categories
            // of its own: "all its permit gives") to municipalities. The deny does not reach permit 1's categories.
            Verklaring v = verklaring(permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE)),
                    permit("soort:gemeente", all(GEZONDHEID), deny(Set.of("soort:gemeente"))));
            ConsentDecision decision = overdracht(List.of(v), ALMELO, all(IDENTIFICATIE, DETENTIE, GEZONDHEID), NOW);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.withheld()).containsExactly(GEZONDHEID);
        }

        @Test
        void aDenyNamingACategoryItsPermitDoesNotGiveWithholdsNothingOfIt() {
            // The deny in the health permit names detentie too; detentie comes from the other permit and still goes.
            Verklaring v = verklaring(permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE)),
                    permit("soort:gemeente", all(GEZONDHEID), deny(Set.of(), GEZONDHEID, DETENTIE)));
            ConsentDecision decision = overdracht(List.of(v), ALMELO, all(IDENTIFICATIE, DETENTIE, GEZONDHEID), NOW);
            assertThat(decision.withheld()).containsExactly(GEZONDHEID);
        }

        @Test
        void aDenyDoesNotReachARecipientItsPermitDoesNotName() {
            // The deny (every dimension "as its permit") sits in Transfore's permit: the municipality keeps its own.
            Verklaring v = verklaring(permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE, GEZONDHEID)),
                    permit("partner:transfore", all(IDENTIFICATIE, DETENTIE, GEZONDHEID), deny(Set.of())));
            Set<Categorie> sections = all(IDENTIFICATIE, DETENTIE, GEZONDHEID);
            assertThat(overdracht(List.of(v), ALMELO, sections, NOW).withheld()).isEmpty();
            assertThat(overdracht(List.of(v), TRANSFORE, sections, NOW)).isEqualTo(ConsentDecision.denied(DenialReason.DENIED_BY_EXCEPTION));
        }

        @Test
        void aDenyOfAPermitThatHasEndedReachesNothing() {
            Bepaling ended = new Bepaling(Set.of(Actor.parse("soort:gemeente")), all(GEZONDHEID), Set.of("nazorg"),
                    new Periode(VAN, NOW), List.of(deny(Set.of())));
            Verklaring v = verklaring(permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE, GEZONDHEID)), ended);
            Set<Categorie> sections = all(IDENTIFICATIE, DETENTIE, GEZONDHEID);
            assertThat(overdracht(List.of(v), ALMELO, sections, NOW.minusNanos(1)).withheld()).containsExactly(GEZONDHEID);
            assertThat(overdracht(List.of(v), ALMELO, sections, NOW).withheld()).isEmpty();
        }

        @Test
        void withinItsReachADenyBeatsAPermitOfAnotherVerklaring() {
            Verklaring permits = verklaring(permit("partner:gemeente-almelo", all(IDENTIFICATIE, DETENTIE, GEZONDHEID)));
            Verklaring denies = verklaring(permit("soort:gemeente", all(GEZONDHEID), deny(Set.of())));
            ConsentDecision decision = overdracht(List.of(permits, denies), ALMELO, all(IDENTIFICATIE, DETENTIE, GEZONDHEID), NOW);
            assertThat(decision.withheld()).containsExactly(GEZONDHEID);
            assertThat(decision.grounds()).containsExactly(permits.grond());
        }
    }

    @Nested
    class CategoriesAbsentFromAMessage {

        @Test
        void needNoGround() {
            // The verklaring gives only identificatie and detentie, and denies gezondheid. An overdracht can carry
            // eight categories; this one has two sections, so only those two need a ground.
            Verklaring v = verklaring(permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE),
                    deny(Set.of(), GEZONDHEID)), permit("soort:gemeente", all(GEZONDHEID), deny(Set.of())));
            ConsentDecision decision = overdracht(List.of(v), ALMELO, all(IDENTIFICATIE, DETENTIE), NOW);
            assertThat(decision).isEqualTo(ConsentDecision.allowed(Set.of(v.grond()), Set.of()));

            // The same message with a health section: that section is withheld, the rest goes.
            assertThat(overdracht(List.of(v), ALMELO, all(IDENTIFICATIE, DETENTIE, GEZONDHEID), NOW).withheld())
                    .containsExactly(GEZONDHEID);
        }
    }

    @Nested
    class ALegalTask {

        @Test
        void isNotOverriddenByADenyException() {
            // Every municipality is denied everything its permit gives; the municipality of residence still gets the
            // Detentiemelding on the legal task, whole.
            Verklaring v = verklaring(permit("soort:gemeente", all(IDENTIFICATIE, DETENTIE), deny(Set.of())));
            ConsentDecision melding = decide(List.of(v), "Detentiemelding", WOONGEMEENTE, all(IDENTIFICATIE, DETENTIE),
                    "nazorg", NOW);
            assertThat(melding).isEqualTo(ConsentDecision.allowed(
                    Set.of(Grondslag.wettelijkeTaak("detentiemelding-woongemeente")), Set.of()));

            // Outside the flow the deny holds: an overdracht to the same municipality is withheld.
            assertThat(overdracht(List.of(v), WOONGEMEENTE, all(IDENTIFICATIE, DETENTIE), NOW))
                    .isEqualTo(ConsentDecision.denied(DenialReason.DENIED_BY_EXCEPTION));
        }
    }

    @Nested
    class AMessageWithoutAnyPersonalDataSection {

        private ConsentDecision antwoord(List<Verklaring> versions, String doel) {
            return decide(versions, "Verwijzingsantwoord", TRANSFORE, Set.of(), doel, NOW);
        }

        @Test
        void needsAPermitNamingTheRecipientAndThePurposeWhateverItsCategories() {
            Verklaring v = verklaring(permit("partner:transfore", all(BEHANDELING)));
            assertThat(antwoord(List.of(), "nazorg")).isEqualTo(ConsentDecision.denied(DenialReason.NO_CONSENT));
            assertThat(antwoord(List.of(v), "nazorg")).isEqualTo(ConsentDecision.allowed(Set.of(v.grond()), Set.of()));
            assertThat(antwoord(List.of(v), "toezicht")).isEqualTo(ConsentDecision.denied(DenialReason.PURPOSE_NOT_COVERED));
        }

        @Test
        void isWithheldByADenyOfAllItsPermitGivesButNotByADenyOfOneCategory() {
            Verklaring oneCategory = verklaring(permit("partner:transfore", all(BEHANDELING, GEZONDHEID),
                    deny(Set.of(), GEZONDHEID)));
            assertThat(antwoord(List.of(oneCategory), "nazorg").allowed()).isTrue();
            Verklaring everything = verklaring(permit("partner:transfore", all(BEHANDELING, GEZONDHEID), deny(Set.of())));
            assertThat(antwoord(List.of(everything), "nazorg"))
                    .isEqualTo(ConsentDecision.denied(DenialReason.DENIED_BY_EXCEPTION));
        }

        @Test
        void goesOnALegalTaskForItsFlowWithoutConsent() {
            ConsentDecision melding = decide(List.of(), "Detentiemelding", WOONGEMEENTE, Set.of(), "re-integratie", NOW);
            assertThat(melding).isEqualTo(ConsentDecision.allowed(
                    Set.of(Grondslag.wettelijkeTaak("detentiemelding-woongemeente")), Set.of()));
        }
    }
}
