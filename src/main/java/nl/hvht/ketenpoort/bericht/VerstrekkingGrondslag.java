package nl.hvht.ketenpoort.bericht;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One ground on which a recipient receives a message, as written into {@code verstrekking/grondslag}: a version
 * of a toestemmingsverklaring, a configured legal task, or a doorbraak (break-glass release). Holds ids and codes
 * only. The written form of the grondslag the consent check decides on ({@code consent.Grondslag}, whose code form the
 * logs and the ledger keep); one concept, two shapes (README "Glossary").
 */
public sealed interface VerstrekkingGrondslag {

    /** A version of a toestemmingsverklaring ({@code verstrekking/grondslag/toestemming}). */
    static VerstrekkingGrondslag toestemming(UUID verklaringId, int versie) {
        return new Toestemming(verklaringId, versie);
    }

    /** A configured legal task by its name ({@code verstrekking/grondslag/wettelijkeTaak}). */
    static VerstrekkingGrondslag wettelijkeTaak(String naam) {
        return new WettelijkeTaak(naam);
    }

    /** A break-glass release by its id ({@code verstrekking/grondslag/doorbraak}). */
    static VerstrekkingGrondslag doorbraak(UUID id) {
        return new Doorbraak(id);
    }

    /**
     * Stable code form for audit records: {@code toestemming:<verklaringId>:<versie>},
     * {@code wettelijke-taak:<naam>} or {@code doorbraak:<id>}.
     */
    String code();

    /** @param versie version of the verklaring, 1 or higher */
    record Toestemming(UUID verklaringId, int versie) implements VerstrekkingGrondslag {
        public Toestemming {
            Objects.requireNonNull(verklaringId, "verklaringId");
            if (versie < 1) {
                throw new IllegalArgumentException("versie must be 1 or higher, was " + versie);
            }
        }

        @Override
        public String code() {
            return "toestemming:" + verklaringId + ":" + versie;
        }

        @Override
        public String toString() {
            return "VerstrekkingGrondslag[" + code() + "]";
        }
    }

    /** @param naam name of the legal task, {@code [a-z0-9-]{2,64}} (the XSD {@code Taakcode}) */
    record WettelijkeTaak(String naam) implements VerstrekkingGrondslag {
        private static final Pattern NAAM = Pattern.compile("[a-z0-9-]{2,64}");

        public WettelijkeTaak {
            if (naam == null || !NAAM.matcher(naam).matches()) {
                throw new IllegalArgumentException("a wettelijke-taak name must match [a-z0-9-]{2,64}");
            }
        }

        @Override
        public String code() {
            return "wettelijke-taak:" + naam;
        }

        @Override
        public String toString() {
            return "VerstrekkingGrondslag[" + code() + "]";
        }
    }

    /** @param id id of the recorded break-glass release */
    record Doorbraak(UUID id) implements VerstrekkingGrondslag {
        public Doorbraak {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String code() {
            return "doorbraak:" + id;
        }

        @Override
        public String toString() {
            return "VerstrekkingGrondslag[" + code() + "]";
        }
    }
}
