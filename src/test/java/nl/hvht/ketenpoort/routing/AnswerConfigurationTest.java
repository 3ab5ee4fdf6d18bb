package nl.hvht.ketenpoort.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.hvht.ketenpoort.consent.ConsentProperties;
import org.junit.jupiter.api.Test;

/** The answer configuration: which types answer which, the flow ground, and the start-up checks. */
class AnswerConfigurationTest {

    private static final ConsentProperties CONSENT = consent(List.of(new ConsentProperties.WettelijkeTaak(
            "detentiemelding-woongemeente", "Detentiemelding", "rol:woongemeente", null, Set.of("identificatie", "detentie"))));

    /** Always there: a Retourbericht, to the sender of the message it answers only, no category, any purpose. */
    private static final ConsentProperties.WettelijkeTaak TECHNICAL = new ConsentProperties.WettelijkeTaak(
            "technisch-retourbericht", "Retourbericht", "rol:vraagsteller", null, Set.of());

    @Test
    void byDefaultAVerwijzingsantwoordAnswersAVerwijzingARetourberichtTheOtherQuestionsAndOnlyTheTechnicalGroundIsThere() {
        RoutingProperties.Answers answers = new RoutingProperties.Answers(null, null);

        assertThat(answers.types()).isEqualTo(Map.of("Verwijzingsantwoord", List.of("Verwijzing"),
                "Retourbericht", List.of("Trajectplan", "Overdracht", "Verwijzing", "Detentiemelding")));
        assertThat(answers.isAnswer("Verwijzingsantwoord")).isTrue();
        assertThat(answers.isAnswer("Verwijzing")).isFalse();
        assertThat(answers.answers("Verwijzingsantwoord", "Verwijzing")).isTrue();
        assertThat(answers.answers("Verwijzingsantwoord", "Trajectplan")).isFalse();
        assertThat(new AnswerGrondslag(new RoutingProperties("routes", answers), CONSENT).legalTasks())
                .containsExactly(TECHNICAL);
    }

    @Test
    void typeNamesAreReadInAnyCaseAndMustBeMessageTypes() {
        RoutingProperties.Answers answers = new RoutingProperties.Answers(
                Map.of("retourbericht", List.of("OVERDRACHT", "Trajectplan")), null);
        assertThat(answers.types()).isEqualTo(Map.of("Retourbericht", List.of("Overdracht", "Trajectplan")));

        assertThatThrownBy(() -> new RoutingProperties.Answers(Map.of("Antwoord", List.of("Verwijzing")), null))
                .hasMessageContaining("unknown message type Antwoord");
        assertThatThrownBy(() -> new RoutingProperties.Answers(Map.of("Verwijzingsantwoord", List.of()), null))
                .hasMessageContaining("name the message types it answers");
        assertThatThrownBy(() -> new RoutingProperties.Answers(Map.of("Verwijzingsantwoord", List.of("Verwijzing"),
                "Retourbericht", List.of("Verwijzingsantwoord")), null)).hasMessageContaining("is an answer type itself");
    }

    @Test
    void theFlowGroundBecomesALegalTaskForEveryAnswerTypeToTheQuestionsSenderOnly() {
        RoutingProperties.AnswersGrondslag grond = new RoutingProperties.AnswersGrondslag("antwoord-aan-verwijzer", "behandeling",
                Set.of("behandeling"));
        RoutingProperties routing = new RoutingProperties("routes", new RoutingProperties.Answers(
                Map.of("Verwijzingsantwoord", List.of("Verwijzing"), "Retourbericht", List.of("Overdracht")), grond));

        List<ConsentProperties.WettelijkeTaak> tasks = new AnswerGrondslag(routing, CONSENT).legalTasks().stream()
                .filter(task -> !task.equals(TECHNICAL)).toList();

        assertThat(tasks).extracting(ConsentProperties.WettelijkeTaak::berichtType).containsExactly("Retourbericht", "Verwijzingsantwoord");
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.naam()).isEqualTo("antwoord-aan-verwijzer");
            assertThat(task.actor()).isEqualTo("rol:vraagsteller");
            assertThat(task.doel()).isEqualTo("behandeling");
            assertThat(task.categorieen()).containsExactly("behandeling");
        });
        assertThatThrownBy(() -> new RoutingProperties.AnswersGrondslag("x-grond", "overal", Set.of("behandeling")))
                .hasMessageContaining("unknown doel");
        assertThatThrownBy(() -> new RoutingProperties.AnswersGrondslag("x-grond", null, Set.of("geheim")))
                .hasMessageContaining("unknown category");
    }

    @Test
    void startUpStopsWhenAConsentLegalTaskNamesAnAnswerType() {
        ConsentProperties second = consent(List.of(new ConsentProperties.WettelijkeTaak("verwijzingsantwoord-hvht",
                "verwijzingsantwoord", "partner:hvht", null, Set.of("behandeling"))));
        RoutingProperties routing = new RoutingProperties("routes", new RoutingProperties.Answers(null, null));

        assertThatThrownBy(() -> new AnswerGrondslag(routing, second))
                .hasMessageContaining("ketenpoort.consent.wettelijke-taken[verwijzingsantwoord-hvht]")
                .hasMessageContaining("ketenpoort.routing.answers.grondslag");
    }

    private static ConsentProperties consent(List<ConsentProperties.WettelijkeTaak> tasks) {
        return new ConsentProperties(Duration.ofSeconds(40), 30, tasks, Map.of());
    }
}
