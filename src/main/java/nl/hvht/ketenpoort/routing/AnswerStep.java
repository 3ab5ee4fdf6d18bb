package nl.hvht.ketenpoort.routing;

import nl.hvht.ketenpoort.bericht.BerichtEnvelop;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.consent.Actor;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Pipeline step {@code direct:resolve-answer}: answers follow the question. A message of an answer type
 * ({@code ketenpoort.routing.answers.types}) goes to the sender of the message its {@code correlatieId} names, in the
 * role {@link Actor#ROL_VRAAGSTELLER}, once the ledger shows that message exists, is of a type this answer type
 * answers, is about the same participant, and was DELIVERED to the answering partner; otherwise it is refused
 * ({@code CORRELATIE_ONBEKEND}, the same answer for an unknown message and one the partner never received). An
 * {@code ontvanger} in the answer may only name that sender ({@code ANTWOORD_ONTVANGER_ONJUIST} otherwise). Messages of
 * other types pass unchanged. Whether the answer may go is decided by the consent step, as for every message. A
 * Retourbericht is an answer too (by default to every question type); its {@code referentieBerichtId} must name the same
 * message as its {@code correlatieId}, and it goes on the technical ground of {@link AnswerGrondslag}.
 */
@Component
class AnswerStep extends RouteBuilder {

    private final RoutingProperties.Answers answers;
    private final Questions questions;

    AnswerStep(RoutingProperties routing, Questions questions) {
        this.answers = routing.answers();
        this.questions = questions;
    }

    @Override
    public void configure() {
        from(Steps.RESOLVE_ANSWER).routeId("resolve-answer").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> routeBack(exchange.getMessage().getBody(Dispatch.class)));
    }

    public void routeBack(Dispatch dispatch) {
        BerichtEnvelop envelope = dispatch.envelope();
        String type = envelope.berichtType();
        if (!answers.isAnswer(type)) {
            return;
        }
        if (envelope.correlatieId() == null) {
            throw new Rejection(RejectionCode.CORRELATIE_ONBEKEND,
                    "Een " + type + " noemt met correlatieId het bericht waarop het antwoordt.");
        }
        var retour = dispatch.message().bericht().getInhoud().getRetourbericht();
        if (retour != null && !envelope.correlatieId().equalsIgnoreCase(retour.getReferentieBerichtId())) {
            throw new Rejection(RejectionCode.CORRELATIE_ONBEKEND,
                    "Een Retourbericht noemt hetzelfde bericht in correlatieId en referentieBerichtId.");
        }
        Questions.Question question = questions.question(envelope.correlatieId(), dispatch.caller())
                .filter(Questions.Question::deliveredToAnswerer)
                .orElseThrow(() -> new Rejection(RejectionCode.CORRELATIE_ONBEKEND,
                        "Het correlatieId noemt geen bericht dat aan deze partner is bezorgd."));
        // From here on the caller received the question, so the details below tell it nothing new.
        if (!answers.answers(type, question.berichtType())) {
            throw new Rejection(RejectionCode.CORRELATIE_ONBEKEND,
                    "Een " + type + " antwoordt niet op een " + question.berichtType() + ".");
        }
        if (!question.deelnemer().equals(envelope.deelnemer())) {
            throw new Rejection(RejectionCode.CORRELATIE_ONBEKEND,
                    "Het antwoord gaat over een andere deelnemer dan het bericht waarop het antwoordt.");
        }
        for (String ontvanger : envelope.ontvangers()) {
            if (!ontvanger.equals(question.afzender())) {
                throw new Rejection(RejectionCode.ANTWOORD_ONTVANGER_ONJUIST,
                        "Een antwoord gaat alleen naar de afzender van het bericht waarop het antwoordt; laat ontvanger weg.");
            }
        }
        dispatch.addRecipient(question.afzender(), Actor.ROL_VRAAGSTELLER);
        dispatch.answers(new Dispatch.AntwoordOp(question.berichtId(), question.berichtType()));
    }
}
