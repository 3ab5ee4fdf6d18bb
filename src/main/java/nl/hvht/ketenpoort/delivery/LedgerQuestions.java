package nl.hvht.ketenpoort.delivery;

import java.util.Optional;
import nl.hvht.ketenpoort.routing.Questions;
import org.springframework.stereotype.Component;

/** The ledger's answer to answer routing: which message an answer names, and whether the answerer received it. */
@Component
class LedgerQuestions implements Questions {

    private final DeliveryLedger ledger;

    LedgerQuestions(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Optional<Question> question(String berichtId, String answeringPartner) {
        return ledger.question(berichtId, answeringPartner).map(v -> new Question(v.berichtId(), v.berichtType(), v.afzender(),
                v.deelnemer(), v.deliveredToAnswerer()));
    }
}
