package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.v1.BerichtType;
import nl.hvht.ketenpoort.bericht.v1.Doel;
import org.junit.jupiter.api.Test;

/** The remembered activities are the register's, for every step, type and purpose, asked once or many times. */
class ActiviteitenTest {

    /** Overdracht has an activity per purpose; every other type one for all purposes. */
    private static final Verwerkingsregister REGISTER = register();

    private static Verwerkingsregister register() {
        List<Verwerkingsregister.Stroom> flows = new ArrayList<>();
        for (BerichtType t : BerichtType.values()) {
            if (t == BerichtType.OVERDRACHT) {
                for (Doel d : Doel.values()) {
                    flows.add(new Verwerkingsregister.Stroom("urn:va:" + t.value() + ":" + d.value(), t.value(), "art. 6",
                            t.value(), Set.of(d.value())));
                }
            } else {
                flows.add(new Verwerkingsregister.Stroom("urn:va:" + t.value(), t.value(), "art. 6", t.value(), null));
            }
        }
        return new Verwerkingsregister("ketenpoort-test",
                new Verwerkingsregister.Verwerkingsactiviteit("urn:va:beheer", "Beheer", "art. 6 lid 1 sub c"),
                new Verwerkingsregister.Verwerkingsactiviteit("urn:va:toestemming", "Toestemming", "art. 7"), flows);
    }

    @Test
    void answersAsTheRegisterForEveryStepTypeAndPurpose() {
        Activiteiten activiteiten = new Activiteiten(REGISTER);
        List<String> types = new ArrayList<>(Arrays.stream(BerichtType.values()).map(BerichtType::value).toList());
        types.add(null);
        types.add("Onbekend");
        List<String> doelen = new ArrayList<>(Arrays.stream(Doel.values()).map(Doel::value).toList());
        doelen.add(null);
        doelen.add("onbekend");
        int named = 0;
        for (int round = 0; round < 2; round++) {
            for (AuditStep step : AuditStep.values()) {
                for (String type : types) {
                    for (String doel : doelen) {
                        AuditEvent event = new AuditEvent("t", step, "m", type, "hvht", null, null, null, "OK", null).voorDoel(doel);
                        Verwerkingsregister.Verwerkingsactiviteit expected = REGISTER.voor(event);
                        assertThat(activiteiten.voor(event)).as("%s %s %s", step, type, doel).isEqualTo(expected);
                        named += expected == null ? 0 : 1;
                    }
                }
            }
        }
        assertThat(named).isPositive();
        assertThat(activiteiten.resource()).isEqualTo("ketenpoort-test");
    }

    @Test
    void withoutARegisterNamesNoActivity() {
        Activiteiten none = new Activiteiten(null);

        assertThat(none.voor(new AuditEvent("t", AuditStep.RECEIVED, "m", "Overdracht", "hvht", null, null, null, "OK", null)))
                .isNull();
        assertThat(none.resource()).isEqualTo("ketenpoort");
    }
}
