package nl.hvht.ketenpoort.secrets;

import java.util.List;

/** The {@code prod} profile refused to start: a secret is missing, the demo value or too weak. Holds no value. */
class UnsafeSecretsException extends IllegalStateException {

    private final List<String> problems;

    UnsafeSecretsException(List<String> problems) {
        super("Refusing to start the prod profile with unsafe secrets: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per setting: its name and what is wrong (never the value). */
    List<String> problems() {
        return problems;
    }
}
