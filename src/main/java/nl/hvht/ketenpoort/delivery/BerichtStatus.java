package nl.hvht.ketenpoort.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;

/**
 * What the sender may know about its message: per recipient the status, when withheld or failed a reason code,
 * the categories withheld from that recipient's copy, and whether a signed receipt of the recipient is stored
 * ({@code ontvangstbewijs}); for a message addressed to the gateway itself what it
 * did ({@code verwerking}, e.g. {@code toestemming:<id>@v2}); and the thread: for an answer the message it answers
 * ({@code antwoordOp}, else null), for a question its answers so far ({@code antwoorden}, else empty).
 */
public record BerichtStatus(String berichtId, String berichtType, String afzender, OffsetDateTime ontvangen,
        String verwerking, List<Ontvanger> ontvangers, Vraag antwoordOp, List<Antwoord> antwoorden) {

    public BerichtStatus {
        ontvangers = List.copyOf(ontvangers);
        antwoorden = List.copyOf(antwoorden);
    }

    /** One recipient's status; {@code ontvangstbewijs}: a verified signed receipt of the recipient is stored. */
    public record Ontvanger(String ontvanger, DeliveryStatus status, String reden, List<String> ingehouden, int pogingen,
            OffsetDateTime bijgewerkt, boolean ontvangstbewijs) {
    }

    /** The message an answer answers. */
    public record Vraag(String berichtId, String berichtType) {
    }

    /**
     * One answer to the message: who sent it, when it was received, and the status of its delivery to this message's
     * sender (null while it has none).
     */
    public record Antwoord(String berichtId, String berichtType, String afzender, OffsetDateTime ontvangen, DeliveryStatus status) {
    }
}
