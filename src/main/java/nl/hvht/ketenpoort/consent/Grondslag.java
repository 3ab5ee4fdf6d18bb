package nl.hvht.ketenpoort.consent;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ground on which a recipient may receive data: a version of a toestemmingsverklaring, a named legal task
 * (wettelijke taak) configured for the flow, or a break-glass release approved by two administrators. Stored in
 * the consent log, the ledger and the audit log in its {@link #code()} form.
 *
 * @param soort  kind of ground
 * @param id     verklaring id or break-glass id (null for a legal task)
 * @param versie verklaring version (0 otherwise)
 * @param naam   legal task name (null otherwise)
 */
public record Grondslag(Soort soort, UUID id, int versie, String naam) implements Comparable<Grondslag> {

    private static final Pattern CODE = Pattern.compile(
            "toestemming:([0-9a-f-]{36})@v([1-9][0-9]{0,8})|wettelijke-taak:([a-z0-9-]{2,64})|doorbraak:([0-9a-f-]{36})");

    /** The kinds of ground. Stored by name: never rename. */
    public enum Soort {
        TOESTEMMING,
        WETTELIJKE_TAAK,
        DOORBRAAK
    }

    public Grondslag {
        Objects.requireNonNull(soort, "soort");
    }

    public static Grondslag toestemming(UUID verklaringId, int versie) {
        return new Grondslag(Soort.TOESTEMMING, Objects.requireNonNull(verklaringId), versie, null);
    }

    public static Grondslag wettelijkeTaak(String naam) {
        return new Grondslag(Soort.WETTELIJKE_TAAK, null, 0, Objects.requireNonNull(naam));
    }

    public static Grondslag doorbraak(UUID releaseId) {
        return new Grondslag(Soort.DOORBRAAK, Objects.requireNonNull(releaseId), 0, null);
    }

    /** {@code toestemming:<id>@v<versie>}, {@code wettelijke-taak:<naam>} or {@code doorbraak:<id>}. */
    public String code() {
        return switch (soort) {
            case TOESTEMMING -> "toestemming:" + id + "@v" + versie;
            case WETTELIJKE_TAAK -> "wettelijke-taak:" + naam;
            case DOORBRAAK -> "doorbraak:" + id;
        };
    }

    /** Reads the {@link #code()} form. */
    public static Grondslag parse(String code) {
        Matcher m = CODE.matcher(code == null ? "" : code);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a ground code");
        }
        if (m.group(1) != null) {
            return toestemming(UUID.fromString(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return m.group(3) != null ? wettelijkeTaak(m.group(3)) : doorbraak(UUID.fromString(m.group(4)));
    }

    @Override
    public int compareTo(Grondslag other) {
        return code().compareTo(other.code());
    }

    @Override
    public String toString() {
        return code();
    }
}
