package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the gateway writes into the {@code verstrekking} element of the copy of a message it delivers to one
 * recipient: that recipient and the grounds on which it receives the data. Senders never send it
 * ({@link RejectionCode#VERSTREKKING_NOT_ALLOWED}); the {@link Redactor} adds it.
 *
 * @param ontvanger   partner id of the recipient
 * @param grondslagen the grounds, at least one and at most {@value #MAX_GRONDSLAGEN}; duplicates are dropped,
 *                    the order of first occurrence is kept
 */
public record Verstrekking(String ontvanger, List<VerstrekkingGrondslag> grondslagen) {

    /** The XSD's maxOccurs of {@code verstrekking/grondslag}. */
    public static final int MAX_GRONDSLAGEN = 100;

    private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Verstrekking {
        if (ontvanger == null || ontvanger.length() > 64 || !PARTNER_ID.matcher(ontvanger).matches()) {
            throw new IllegalArgumentException("verstrekking: ontvanger is not a partner id");
        }
        Objects.requireNonNull(grondslagen, "grondslagen");
        grondslagen = List.copyOf(new LinkedHashSet<>(grondslagen));
        if (grondslagen.isEmpty() || grondslagen.size() > MAX_GRONDSLAGEN) {
            throw new IllegalArgumentException("verstrekking needs 1 to " + MAX_GRONDSLAGEN + " grondslagen, got "
                    + grondslagen.size());
        }
    }

    public Verstrekking(String ontvanger, VerstrekkingGrondslag... grondslagen) {
        this(ontvanger, List.of(grondslagen));
    }

    @Override
    public String toString() {
        return "Verstrekking[ontvanger=" + ontvanger + ", grondslagen=" + grondslagen + "]";
    }
}
