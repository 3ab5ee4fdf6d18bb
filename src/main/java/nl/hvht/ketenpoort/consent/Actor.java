package nl.hvht.ketenpoort.consent;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import nl.hvht.ketenpoort.partner.PartnerSoort;

/**
 * Who a provision of a toestemmingsverklaring is about: one partner ({@code partner:transfore}), a kind of
 * partner ({@code soort:gemeente}), or the role the message gives a recipient ({@code rol:uitstroomgemeente},
 * "the municipality he moves to"). Roles are worked out from the message content by the routing rules.
 *
 * @param type  partner, kind or role
 * @param value partner id, lower-case {@link PartnerSoort} name, or role code
 */
public record Actor(Type type, String value) {

    private static final Pattern VALUE = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

    /** The role of the municipality a participant moves to (overdracht/uitstroom/gemeente). */
    public static final String ROL_UITSTROOMGEMEENTE = "uitstroomgemeente";
    /** The role of the probation organisation supervising him (overdracht/toezicht). */
    public static final String ROL_RECLASSERING = "reclassering";
    /** The role of the care partner a verwijzing refers to. */
    public static final String ROL_ZORGPARTNER = "zorgpartner";
    /** The role of the municipality of residence (detentiemelding/woongemeente). */
    public static final String ROL_WOONGEMEENTE = "woongemeente";
    /** The role of the sender of a question, as recipient of an answer to it (routing: answers follow the question). */
    public static final String ROL_VRAAGSTELLER = "vraagsteller";

    /** The kinds of actor, by their code prefix. */
    public enum Type {
        PARTNER("partner"),
        SOORT("soort"),
        ROL("rol");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("actor value must match " + VALUE.pattern());
        }
        if (type == Type.SOORT && kindOf(value) == null) {
            throw new IllegalArgumentException("unknown partner kind in actor");
        }
    }

    public static Actor partner(String partnerId) {
        return new Actor(Type.PARTNER, partnerId);
    }

    public static Actor rol(String role) {
        return new Actor(Type.ROL, role);
    }

    /**
     * Reads {@code partner:<id>}, {@code soort:<kind>} or {@code rol:<role>}.
     *
     * @throws IllegalArgumentException on any other form
     */
    public static Actor parse(String code) {
        if (code != null) {
            int colon = code.indexOf(':');
            if (colon > 0) {
                String prefix = code.substring(0, colon);
                for (Type type : Type.values()) {
                    if (type.prefix.equals(prefix)) {
                        return new Actor(type, code.substring(colon + 1));
                    }
                }
            }
        }
        throw new IllegalArgumentException("actor must be partner:<id>, soort:<kind> or rol:<role>");
    }

    /** The code form, as stored and as in the API and the messages. */
    public String code() {
        return type.prefix + ":" + value;
    }

    /** True if this actor names the recipient: by id, by kind or by a role the message gives it. */
    public boolean matches(Ontvanger recipient) {
        return switch (type) {
            case PARTNER -> value.equals(recipient.id());
            case SOORT -> kindOf(value) == recipient.soort();
            case ROL -> recipient.roles().contains(value);
        };
    }

    private static PartnerSoort kindOf(String value) {
        for (PartnerSoort kind : PartnerSoort.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(value)) {
                return kind;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return code();
    }
}
