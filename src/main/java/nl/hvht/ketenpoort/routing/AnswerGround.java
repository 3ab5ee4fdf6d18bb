package nl.hvht.ketenpoort.routing;

import java.util.List;
import nl.hvht.ketenpoort.consent.Actor;
import nl.hvht.ketenpoort.consent.ConsentProperties;
import nl.hvht.ketenpoort.consent.LegalTaskSource;
import org.springframework.stereotype.Component;

/**
 * The ground of an answer is explicit: consent covering the sender of the question, or the flow ground of
 * {@code ketenpoort.routing.antwoorden.grond} (as a legal task for every answer type, to {@code rol:vraagsteller} only);
 * nothing else. So start-up stops when {@code ketenpoort.consent.wettelijke-taken} names an answer type: a second,
 * unrelated ground for answers would be one nobody looks for here.
 */
@Component
class AnswerGround implements LegalTaskSource {

    private final List<ConsentProperties.WettelijkeTaak> tasks;

    AnswerGround(RoutingProperties routing, ConsentProperties consent) {
        RoutingProperties.Antwoorden antwoorden = routing.antwoorden();
        for (ConsentProperties.WettelijkeTaak task : consent.wettelijkeTaken()) {
            if (antwoorden.typen().keySet().stream().anyMatch(type -> type.equalsIgnoreCase(task.berichtType()))) {
                throw new IllegalStateException("ketenpoort.consent.wettelijke-taken[" + task.naam() + "]: " + task.berichtType()
                        + " is an answer type (ketenpoort.routing.antwoorden.typen); its only ground besides consent is"
                        + " ketenpoort.routing.antwoorden.grond");
            }
        }
        RoutingProperties.Antwoordgrond grond = antwoorden.grond();
        this.tasks = grond == null ? List.of() : antwoorden.typen().keySet().stream().sorted()
                .map(type -> new ConsentProperties.WettelijkeTaak(grond.naam(), type, Actor.rol(Actor.ROL_VRAAGSTELLER).code(),
                        grond.doel(), grond.categorieen()))
                .toList();
    }

    @Override
    public List<ConsentProperties.WettelijkeTaak> legalTasks() {
        return tasks;
    }
}
