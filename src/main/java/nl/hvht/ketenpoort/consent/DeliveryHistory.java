package nl.hvht.ketenpoort.consent;

import java.util.List;

/**
 * The deliveries of the messages about one participant, as the message ledger ({@code bericht}, {@code bezorging})
 * holds them: what the disclosure report needs from the ledger. The ledger's owner (delivery) implements it, so the
 * ledger's SQL stays there and consent does not depend upward.
 */
public interface DeliveryHistory {

    /**
     * Every delivery of every message about the participant, in the caller's transaction (so it reads the same snapshot
     * as the consent log), oldest message first.
     *
     * @param deelnemer the participant id
     */
    List<DisclosureReport.BezorgingRij> deliveriesAbout(String deelnemer);
}
