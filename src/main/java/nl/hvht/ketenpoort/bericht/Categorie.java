package nl.hvht.ketenpoort.bericht;

import java.util.Arrays;
import java.util.Optional;

/**
 * Data categories of personal data that consent acts on. Which message section belongs to which
 * category is declared once, in the XSD ({@code xs:appinfo/kp:categorie}); this enum only names them.
 */
public enum Categorie {
    IDENTIFICATIE("identificatie"),
    DETENTIE("detentie"),
    BASISVOORWAARDEN("basisvoorwaarden"),
    LEEFGEBIEDEN("leefgebieden"),
    GEZONDHEID("gezondheid"),
    BEHANDELING("behandeling"),
    RISICO("risico"),
    NETWERK("netwerk");

    private final String code;

    Categorie(String code) {
        this.code = code;
    }

    /** The code as it appears in the XSD, the API and the logs. */
    public String code() {
        return code;
    }

    public static Optional<Categorie> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /** The categories of a stored comma-separated code list (unknown codes are skipped). */
    public static java.util.Set<Categorie> parseCodes(String codes) {
        java.util.Set<Categorie> categories = java.util.EnumSet.noneOf(Categorie.class);
        if (codes != null && !codes.isEmpty()) {
            for (String code : codes.split(",")) {
                fromCode(code).ifPresent(categories::add);
            }
        }
        return categories;
    }
}
