package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * A period of validity: from {@code van} (inclusive) until {@code tot} (exclusive).
 *
 * @param van start, inclusive
 * @param tot end, exclusive; after {@code van}
 */
public record Periode(Instant van, Instant tot) {

    public Periode {
        Objects.requireNonNull(van, "van");
        Objects.requireNonNull(tot, "tot");
        if (!tot.isAfter(van)) {
            throw new IllegalArgumentException("period must end after it starts");
        }
    }

    public boolean contains(Instant t) {
        return !van.isAfter(t) && t.isBefore(tot);
    }
}
