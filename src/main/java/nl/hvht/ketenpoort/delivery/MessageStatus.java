package nl.hvht.ketenpoort.delivery;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the sender may know about its message: per recipient the status, when withheld or failed a reason code,
 * the categories withheld from that recipient's copy, and whether a signed receipt of the recipient is stored
 * ({@code ontvangstbewijs}); for a message addressed to the gateway itself what it
 * did ({@code verwerking}, e.g. {@code toestemming:<id>@v2}).
 */
public record MessageStatus(String berichtId, String berichtType, String afzender, OffsetDateTime ontvangen,
        String verwerking, List<Recipient> ontvangers) {

    public MessageStatus {
        ontvangers = List.copyOf(ontvangers);
    }

    /** One recipient's status; {@code ontvangstbewijs}: a verified signed receipt of the recipient is stored. */
    public record Recipient(String ontvanger, DeliveryStatus status, String reden, List<String> ingehouden, int pogingen,
            OffsetDateTime bijgewerkt, boolean ontvangstbewijs) {
    }
}
