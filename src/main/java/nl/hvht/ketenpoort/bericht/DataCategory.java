package nl.hvht.ketenpoort.bericht;

import java.util.Arrays;
import java.util.Optional;

/**
 * Data categories of personal data that consent acts on. Which message section belongs to which
 * category is declared once, in the XSD ({@code xs:appinfo/kp:categorie}); this enum only names them.
 */
public enum DataCategory {
    IDENTIFICATIE("identificatie"),
    DETENTIE("detentie"),
    BASISVOORWAARDEN("basisvoorwaarden"),
    LEEFGEBIEDEN("leefgebieden"),
    GEZONDHEID("gezondheid"),
    BEHANDELING("behandeling"),
    RISICO("risico"),
    NETWERK("netwerk");

    private final String code;

    DataCategory(String code) {
        this.code = code;
    }

    /** The code as it appears in the XSD, the API and the logs. */
    public String code() {
        return code;
    }

    public static Optional<DataCategory> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /** The categories of a stored comma-separated code list (unknown codes are skipped). */
    public static java.util.Set<DataCategory> parseCodes(String codes) {
        java.util.Set<DataCategory> categories = java.util.EnumSet.noneOf(DataCategory.class);
        if (codes != null && !codes.isEmpty()) {
            for (String code : codes.split(",")) {
                fromCode(code).ifPresent(categories::add);
            }
        }
        return categories;
    }
}
