package nl.hvht.ketenpoort.intake;

import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.BerichtEnvelop;
import nl.hvht.ketenpoort.bericht.BerichtParser;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import org.springframework.stereotype.Component;

/**
 * Pipeline step {@code direct:validate}: hardened parse and XSD validation of the exact received bytes,
 * then the rule that the envelope's afzender is the partner the client certificate identified.
 */
@Component("validateStep")
class ValidateStep {

    private final BerichtParser parser;
    private final Pseudonymizer pseudonymizer;

    ValidateStep(BerichtParser parser, Pseudonymizer pseudonymizer) {
        this.parser = parser;
        this.pseudonymizer = pseudonymizer;
    }

    public void validate(Dispatch dispatch) {
        ParsedBericht message = parser.parse(dispatch.raw());
        BerichtEnvelop envelope = message.envelope();
        dispatch.parsed(message);
        if (!envelope.afzender().equals(dispatch.caller())) {
            throw new Rejection(RejectionCode.SENDER_MISMATCH,
                    "De afzender moet de partner van het clientcertificaat zijn (" + dispatch.caller() + ").");
        }
        // Written by the intake committer with the message itself: a refused or lost message has no RECEIVED record.
        dispatch.audit(new AuditEvent(dispatch.traceId(), AuditStep.RECEIVED, envelope.berichtId(), envelope.berichtType(),
                envelope.afzender(), null, pseudonymizer.pseudonym(envelope.deelnemer()), message.categories(), "OK",
                envelope.doel()).voorDoel(envelope.doel()));
    }

    /** The message type, as header {@code berichtType} for the routing rules. */
    public String typeOf(Dispatch dispatch) {
        return dispatch.envelope().berichtType();
    }
}
