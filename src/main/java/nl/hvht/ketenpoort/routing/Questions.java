package nl.hvht.ketenpoort.routing;

import java.util.Optional;

/**
 * What answer routing needs to know about the message an answer names: implemented by the ledger's owner (the delivery
 * package), so routing reads no table and depends on no package above it.
 */
public interface Questions {

    /**
     * The message {@code berichtId} names, as the answering partner sees it; empty when no such message exists.
     *
     * @param berichtId        the answer's {@code correlatieId}
     * @param answeringPartner the partner that sends the answer
     */
    Optional<Question> question(String berichtId, String answeringPartner);

    /**
     * A message an answer names.
     *
     * @param deliveredToAnswerer whether that message was DELIVERED to the answering partner
     */
    record Question(String berichtId, String berichtType, String afzender, String deelnemer, boolean deliveredToAnswerer) {

        @Override
        public String toString() {
            // the participant's id stays out of logs
            return "Question[" + berichtId + ", " + berichtType + ", afzender=" + afzender + ", delivered=" + deliveredToAnswerer + "]";
        }
    }
}
