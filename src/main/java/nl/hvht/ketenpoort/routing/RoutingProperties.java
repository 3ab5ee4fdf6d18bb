package nl.hvht.ketenpoort.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.v1.BerichtType;
import nl.hvht.ketenpoort.consent.Verklaring;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Routing configuration ({@code ketenpoort.routing}). Start-up fails on an unknown message type, category or purpose.
 *
 * @param rulesDir   folder with the distribution rules as Camel YAML DSL files ({@code *.yaml}); Camel loads
 *                   them through {@code camel.main.routes-include-pattern}
 * @param answers answers follow the question: which types answer which, and the optional flow ground for answers
 */
@Validated
@ConfigurationProperties("ketenpoort.routing")
public record RoutingProperties(@NotBlank @DefaultValue("routes") String rulesDir, @Valid @DefaultValue Answers answers) {

    /**
     * Answers ({@code ketenpoort.routing.answers}).
     *
     * @param types per answer type the question types it answers; not set: {@code Verwijzingsantwoord: [Verwijzing]} and
     *              {@code Retourbericht: [Trajectplan, Overdracht, Verwijzing, Detentiemelding]} (setting it replaces that
     *              default). Type names as in the XSD, in any case.
     * @param grondslag the flow ground answers may go on without consent, to the sender of the question only; not set: none
     *              (an answer then needs consent covering the question's sender)
     */
    public record Answers(Map<String, List<String>> types, @Valid AnswersGrondslag grondslag) {

        private static final String WHERE = "ketenpoort.routing.answers.types";

        public Answers {
            Map<String, List<String>> byType = new TreeMap<>();
            if (types == null) {
                byType.put(BerichtType.VERWIJZINGSANTWOORD.value(), List.of(BerichtType.VERWIJZING.value()));
                byType.put(BerichtType.RETOURBERICHT.value(), List.of(BerichtType.TRAJECTPLAN.value(), BerichtType.OVERDRACHT.value(),
                        BerichtType.VERWIJZING.value(), BerichtType.DETENTIEMELDING.value()));
            } else {
                types.forEach((answer, questions) -> {
                    if (questions == null || questions.isEmpty()) {
                        throw new IllegalArgumentException(WHERE + "." + answer + ": name the message types it answers");
                    }
                    Set<String> names = new LinkedHashSet<>();
                    questions.forEach(q -> names.add(typeName(q)));
                    byType.put(typeName(answer), List.copyOf(names));
                });
            }
            for (Map.Entry<String, List<String>> entry : byType.entrySet()) {
                for (String question : entry.getValue()) {
                    if (byType.containsKey(question)) {
                        throw new IllegalArgumentException(WHERE + "." + entry.getKey() + ": " + question
                                + " is an answer type itself; an answer answers a question, not another answer");
                    }
                }
            }
            types = Map.copyOf(byType);
        }

        /** True if messages of this type are answers: they are routed to the sender of the message they name. */
        public boolean isAnswer(String berichtType) {
            return types.containsKey(berichtType);
        }

        /** True if this answer type answers messages of this type. */
        public boolean answers(String answerType, String questionType) {
            return types.getOrDefault(answerType, List.of()).contains(questionType);
        }

        private static String typeName(String name) {
            return Arrays.stream(BerichtType.values()).map(BerichtType::value).filter(v -> v.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(WHERE + ": unknown message type " + name));
        }
    }

    /**
     * The flow ground for answers ({@code ketenpoort.routing.answers.grondslag}): an answer of any answer type, to the
     * sender of the question it answers (role {@code rol:vraagsteller}) and to nobody else, for this purpose (any if
     * not set), may carry these categories without consent. Logged as the ground {@code wettelijke-taak:<naam>}, as
     * every legal task.
     *
     * @param naam        name of the ground, {@code [a-z0-9][a-z0-9-]{1,63}}; not one of ketenpoort.consent.wettelijke-taken
     * @param doel        purpose code, or null for any
     * @param categorieen category codes it covers
     */
    public record AnswersGrondslag(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}") String naam,
            String doel,
            @NotEmpty Set<String> categorieen) {

        private static final String WHERE = "ketenpoort.routing.answers.grondslag: ";

        public AnswersGrondslag {
            if (doel != null && !Verklaring.DOELEN.contains(doel)) {
                throw new IllegalArgumentException(WHERE + "unknown doel " + doel);
            }
            categorieen = categorieen == null ? Set.of() : Set.copyOf(categorieen);
            for (String code : categorieen) {
                if (Categorie.fromCode(code).isEmpty()) {
                    throw new IllegalArgumentException(WHERE + "unknown category " + code);
                }
            }
        }
    }
}
