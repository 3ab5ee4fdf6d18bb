package nl.hvht.ketenpoort.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.v1.BerichtType;
import nl.hvht.ketenpoort.consent.Actor;
import nl.hvht.ketenpoort.consent.ConsentProperties;
import nl.hvht.ketenpoort.consent.WettelijkeTaakSource;
import org.springframework.stereotype.Component;

/**
 * The ground of an answer is explicit: consent covering the sender of the question, or the flow ground of
 * {@code ketenpoort.routing.answers.grondslag} (as a legal task for every answer type, to {@code rol:vraagsteller} only);
 * nothing else. So start-up stops when {@code ketenpoort.consent.wettelijke-taken} names an answer type: a second,
 * unrelated ground for answers would be one nobody looks for here.
 *
 * <p>One ground is always there: the technical ground {@value #TECHNISCH_RETOURBERICHT} for a Retourbericht (it carries no
 * personal-data category), to the sender of the message it answers ({@code rol:vraagsteller}) and to nobody else. A partner's
 * Retourbericht gets that role only through the answer step (its correlatieId names a message DELIVERED to that partner),
 * the gateway's own Retourbericht ({@code delivery.Retourberichten}) gives it to the original sender. Logged as
 * {@code wettelijke-taak:technisch-retourbericht}, in the form of every flow ground.
 */
@Component
class AnswerGrondslag implements WettelijkeTaakSource {

    /** Name of the technical ground for Retourberichten to the sender of the message they answer. */
    static final String TECHNISCH_RETOURBERICHT = "technisch-retourbericht";

    private final List<ConsentProperties.WettelijkeTaak> tasks;

    AnswerGrondslag(RoutingProperties routing, ConsentProperties consent) {
        RoutingProperties.Answers answers = routing.answers();
        for (ConsentProperties.WettelijkeTaak task : consent.wettelijkeTaken()) {
            if (answers.types().keySet().stream().anyMatch(type -> type.equalsIgnoreCase(task.berichtType()))) {
                throw new IllegalStateException("ketenpoort.consent.wettelijke-taken[" + task.naam() + "]: " + task.berichtType()
                        + " is an answer type (ketenpoort.routing.answers.types); its only ground besides consent is"
                        + " ketenpoort.routing.answers.grondslag");
            }
        }
        RoutingProperties.AnswersGrondslag grond = answers.grondslag();
        List<ConsentProperties.WettelijkeTaak> all = new ArrayList<>();
        if (grond != null) {
            answers.types().keySet().stream().sorted()
                    .map(type -> new ConsentProperties.WettelijkeTaak(grond.naam(), type, Actor.rol(Actor.ROL_VRAAGSTELLER).code(),
                            grond.doel(), grond.categorieen()))
                    .forEach(all::add);
        }
        all.add(new ConsentProperties.WettelijkeTaak(TECHNISCH_RETOURBERICHT, BerichtType.RETOURBERICHT.value(),
                Actor.rol(Actor.ROL_VRAAGSTELLER).code(), null, Set.of()));
        this.tasks = List.copyOf(all);
    }

    @Override
    public List<ConsentProperties.WettelijkeTaak> legalTasks() {
        return tasks;
    }
}
