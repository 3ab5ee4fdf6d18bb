package nl.hvht.ketenpoort.delivery;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the sender may know about its message: per recipient the status and, when withheld or failed, a
 * reason code.
 */
public record MessageStatus(String berichtId, String berichtType, String afzender, OffsetDateTime ontvangen,
        List<Recipient> ontvangers) {

    public MessageStatus {
        ontvangers = List.copyOf(ontvangers);
    }

    /** One recipient's status. */
    public record Recipient(String ontvanger, DeliveryStatus status, String reden, int pogingen, OffsetDateTime bijgewerkt) {
    }
}
