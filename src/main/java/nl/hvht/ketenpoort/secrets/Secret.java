package nl.hvht.ketenpoort.secrets;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One secret setting and how strong its value must be. {@link #problem} says what is wrong with a value in words that
 * never contain the value.
 *
 * @param property the setting, e.g. {@code ketenpoort.audit.pseudonym-key}
 * @param use      what it is for, which sets the minimum strength
 * @param required whether production needs it at all (an optional secret is checked only when set)
 */
record Secret(String property, Use use, boolean required) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

    /** Minimum strength per use. */
    enum Use {
        /** A cryptographic key given as text (HMAC key, key-derivation password): at least 128 bits of randomness. */
        KEY("a key", 32, 8),
        /** A password or token that a server checks (database, broker, webhook). */
        PASSWORD("a password", 16, 6);

        private final String words;
        private final int minLength;
        private final int minDistinct;

        Use(String words, int minLength, int minDistinct) {
            this.words = words;
            this.minLength = minLength;
            this.minDistinct = minDistinct;
        }
    }

    static Secret required(String property, Use use) {
        return new Secret(property, use, true);
    }

    static Secret optional(String property, Use use) {
        return new Secret(property, use, false);
    }

    /**
     * What is wrong with this value, if anything.
     *
     * @param value      the bound value (placeholders resolved where they could be), null when the setting is absent
     * @param demoValues the values the demo run gives this setting
     */
    Optional<String> problem(String value, Collection<String> demoValues) {
        if (value == null) {
            return required ? Optional.of("is not set") : Optional.empty();
        }
        Matcher placeholder = PLACEHOLDER.matcher(value);
        if (placeholder.find()) {
            return Optional.of("is not set: environment variable " + placeholder.group(1) + " is missing");
        }
        if (value.isBlank()) {
            return Optional.of("is empty");
        }
        if (demoValues.contains(value)) {
            return Optional.of("is the demo value from application.yml");
        }
        if (value.length() < use.minLength) {
            return Optional.of("is too short for " + use.words + ": at least " + use.minLength + " characters");
        }
        if (value.chars().distinct().count() < use.minDistinct) {
            return Optional.of("is too weak for " + use.words + ": at least " + use.minDistinct + " different characters");
        }
        return Optional.empty();
    }
}
