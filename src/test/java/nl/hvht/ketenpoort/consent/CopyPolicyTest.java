package nl.hvht.ketenpoort.consent;

import static nl.hvht.ketenpoort.bericht.Categorie.DETENTIE;
import static nl.hvht.ketenpoort.bericht.Categorie.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.Categorie.IDENTIFICATIE;
import static nl.hvht.ketenpoort.bericht.Categorie.RISICO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.consent.ConsentVerdict.Outcome;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import org.junit.jupiter.api.Test;

class CopyPolicyTest {

    private static final Grondslag V1 = Grondslag.toestemming(UUID.randomUUID(), 1);
    private static final Ontvanger WOONGEMEENTE = new Ontvanger("gemeente-almelo", PartnerSoort.GEMEENTE,
            Set.of(Actor.ROL_WOONGEMEENTE));
    private static final Ontvanger ALMELO = new Ontvanger("gemeente-almelo", PartnerSoort.GEMEENTE, Set.of());

    private final CopyPolicy policy = new CopyPolicy(new ConsentProperties(Duration.ofSeconds(40), 30,
            List.of(new ConsentProperties.WettelijkeTaak("detentiemelding-woongemeente", "Detentiemelding", "rol:woongemeente",
                    null, Set.of("identificatie", "detentie"))),
            Map.of("Overdracht", new ConsentProperties.Withholding(Set.of("gezondheid", "risico")))));

    private static ConsentGate.Check check(String type, Ontvanger recipient, Set<Categorie> categories) {
        return new ConsentGate.Check("t", ConsentLog.Phase.INTAKE, UUID.randomUUID().toString(), type, "hvht", recipient,
                "DLN-001", categories, "nazorg", null);
    }

    private static ConsentVerdict verdict(Map<Categorie, Outcome> perCategory, Outcome base) {
        return new ConsentVerdict(perCategory.isEmpty() ? new EnumMap<>(Categorie.class) : new EnumMap<>(perCategory), base);
    }

    @Test
    void withheldCategoriesThatMayBeLeftOutAreCutAndTheRestGoesOnItsGrounds() {
        ConsentDecision decision = policy.decide(check("Overdracht", ALMELO, Set.of(IDENTIFICATIE, DETENTIE, GEZONDHEID)),
                verdict(Map.of(IDENTIFICATIE, Outcome.allowed(Set.of(V1)), DETENTIE, Outcome.allowed(Set.of(V1)),
                        GEZONDHEID, Outcome.denied(DenialReason.DENIED_BY_EXCEPTION)), Outcome.allowed(Set.of(V1))));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.withheld()).containsExactly(GEZONDHEID);
        assertThat(decision.grounds()).containsExactly(V1);
        assertThat(decision.ground()).isEqualTo(V1.code());
    }

    @Test
    void aRequiredCategoryWithoutGroundWithholdsTheMessageWithItsReason() {
        ConsentDecision decision = policy.decide(check("Overdracht", ALMELO, Set.of(IDENTIFICATIE, DETENTIE)),
                verdict(Map.of(IDENTIFICATIE, Outcome.allowed(Set.of(V1)), DETENTIE, Outcome.denied(DenialReason.REVOKED)),
                        Outcome.allowed(Set.of(V1))));
        assertThat(decision).isEqualTo(ConsentDecision.denied(DenialReason.REVOKED));
    }

    @Test
    void aMessageOfWhichNothingMayGoIsWithheld() {
        ConsentDecision decision = policy.decide(check("Overdracht", ALMELO, Set.of(GEZONDHEID, RISICO)),
                verdict(Map.of(GEZONDHEID, Outcome.denied(DenialReason.EXPIRED), RISICO, Outcome.denied(DenialReason.EXPIRED)),
                        Outcome.denied(DenialReason.EXPIRED)));
        assertThat(decision).isEqualTo(ConsentDecision.denied(DenialReason.EXPIRED));
    }

    @Test
    void aLegalTaskCoversItsCategoriesForItsFlowOnly() {
        ConsentGate.Check melding = check("Detentiemelding", WOONGEMEENTE, Set.of(IDENTIFICATIE, DETENTIE));
        assertThat(policy.needsConsent(melding)).isEmpty();
        ConsentDecision decision = policy.decide(melding, verdict(Map.of(), Outcome.denied(DenialReason.NO_CONSENT)));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.grounds()).containsExactly(Grondslag.wettelijkeTaak("detentiemelding-woongemeente"));

        // Not the municipality of residence, or another message type: consent decides.
        ConsentGate.Check other = check("Detentiemelding", ALMELO, Set.of(IDENTIFICATIE, DETENTIE));
        assertThat(policy.needsConsent(other)).containsExactlyInAnyOrder(IDENTIFICATIE, DETENTIE);
        assertThat(policy.decide(other, verdict(Map.of(IDENTIFICATIE, Outcome.denied(DenialReason.NO_CONSENT),
                DETENTIE, Outcome.denied(DenialReason.NO_CONSENT)), Outcome.denied(DenialReason.NO_CONSENT))).allowed()).isFalse();
        assertThat(policy.needsConsent(check("Overdracht", WOONGEMEENTE, Set.of(IDENTIFICATIE)))).containsExactly(IDENTIFICATIE);
    }

    @Test
    void aMessageWithoutCategoriesFollowsTheBase() {
        assertThat(policy.decide(check("Verwijzingsantwoord", ALMELO, Set.of()), verdict(Map.of(), Outcome.allowed(Set.of(V1))))
                .grounds()).containsExactly(V1);
        assertThat(policy.decide(check("Verwijzingsantwoord", ALMELO, Set.of()),
                verdict(Map.of(), Outcome.denied(DenialReason.NO_CONSENT))).reason()).isEqualTo(DenialReason.NO_CONSENT);
    }

    @Test
    void aBreakGlassReleaseGoesWholeOnItsOwnGround() {
        Grondslag release = Grondslag.doorbraak(UUID.randomUUID());
        ConsentGate.Check check = new ConsentGate.Check("t", ConsentLog.Phase.BEZORGING, UUID.randomUUID().toString(),
                "Overdracht", "hvht", ALMELO, "DLN-001", Set.of(IDENTIFICATIE, GEZONDHEID), "nazorg", release);
        ConsentDecision decision = policy.decide(check, verdict(Map.of(), Outcome.denied(DenialReason.NO_CONSENT)));
        assertThat(decision.grounds()).containsExactly(release);
        assertThat(decision.withheld()).isEmpty();
        assertThatThrownBy(() -> new ConsentGate.Check("t", ConsentLog.Phase.BEZORGING, "b", "Overdracht", "hvht", ALMELO,
                "DLN-001", Set.of(), "nazorg", V1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLegalTaskFromAnotherFeatureCountsAsOneOfItsOwnAndMayNotReuseAName() {
        ConsentProperties properties = new ConsentProperties(Duration.ofSeconds(40), 30,
                List.of(new ConsentProperties.WettelijkeTaak("detentiemelding-woongemeente", "Detentiemelding", "rol:woongemeente",
                        null, Set.of("identificatie", "detentie"))), Map.of());
        WettelijkeTaakSource answers = () -> List.of(new ConsentProperties.WettelijkeTaak("antwoord-aan-vraagsteller",
                "Verwijzingsantwoord", "rol:" + Actor.ROL_VRAAGSTELLER, "behandeling", Set.of("behandeling")));
        CopyPolicy withAnswers = new CopyPolicy(properties, List.of(answers));
        Ontvanger vraagsteller = new Ontvanger("hvht", PartnerSoort.DJI, Set.of(Actor.ROL_VRAAGSTELLER));
        Ontvanger other = new Ontvanger("hvht", PartnerSoort.DJI, Set.of());

        ConsentGate.Check toVraagsteller = new ConsentGate.Check("t", ConsentLog.Phase.INTAKE, "b", "Verwijzingsantwoord", "transfore",
                vraagsteller, "DLN-001", Set.of(Categorie.BEHANDELING), "behandeling", null);
        ConsentDecision decision = withAnswers.decide(toVraagsteller, verdict(Map.of(), Outcome.denied(DenialReason.NO_CONSENT)));
        assertThat(decision.grounds()).containsExactly(Grondslag.wettelijkeTaak("antwoord-aan-vraagsteller"));
        // Not in the role of the question's sender, or another purpose: consent decides.
        assertThat(withAnswers.needsConsent(new ConsentGate.Check("t", ConsentLog.Phase.INTAKE, "b", "Verwijzingsantwoord",
                "transfore", other, "DLN-001", Set.of(Categorie.BEHANDELING), "behandeling", null))).containsExactly(Categorie.BEHANDELING);
        assertThat(withAnswers.needsConsent(new ConsentGate.Check("t", ConsentLog.Phase.INTAKE, "b", "Verwijzingsantwoord",
                "transfore", vraagsteller, "DLN-001", Set.of(Categorie.BEHANDELING), "nazorg", null))).containsExactly(Categorie.BEHANDELING);
        // The consent configuration's own tasks still apply.
        assertThat(withAnswers.needsConsent(check("Detentiemelding", WOONGEMEENTE, Set.of(IDENTIFICATIE, DETENTIE)))).isEmpty();

        WettelijkeTaakSource clash = () -> List.of(new ConsentProperties.WettelijkeTaak("detentiemelding-woongemeente",
                "Verwijzingsantwoord", "rol:" + Actor.ROL_VRAAGSTELLER, null, Set.of("behandeling")));
        assertThatThrownBy(() -> new CopyPolicy(properties, List.of(clash))).hasMessageContaining("configured twice");
    }

    @Test
    void configurationRefusesUnknownCodes() {
        assertThatThrownBy(() -> new ConsentProperties.Withholding(Set.of("geheim")))
                .hasMessageContaining("unknown category");
        assertThatThrownBy(() -> new ConsentProperties.WettelijkeTaak("x-taak", "Overdracht", "iedereen", null, Set.of("detentie")))
                .hasMessageContaining("actor");
    }
}
