package nl.hvht.ketenpoort.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;

/**
 * A question and its answers (the thread of a message, {@link DeliveryLedger#threadOf}): metadata only.
 *
 * @param vraag      the question: the message that is no answer itself
 * @param antwoorden the answers to it, oldest first
 */
public record Draad(Bericht vraag, List<Bericht> antwoorden) {

    public Draad {
        antwoorden = List.copyOf(antwoorden);
    }

    /**
     * One message of the thread.
     *
     * @param status for an answer the status of its delivery to the question's sender (null if it has none); null for
     *               the question
     */
    public record Bericht(String berichtId, String berichtType, String afzender, OffsetDateTime ontvangen, DeliveryStatus status) {
    }
}
