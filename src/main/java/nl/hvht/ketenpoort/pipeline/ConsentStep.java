package nl.hvht.ketenpoort.pipeline;

import java.util.List;
import nl.hvht.ketenpoort.bericht.BerichtEnvelop;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.consent.ConsentCheckFailedException;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentGate;
import nl.hvht.ketenpoort.consent.ConsentLog;
import nl.hvht.ketenpoort.consent.Ontvanger;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Pipeline step {@code direct:check-consent}: a decision for every recipient. The decisions' consent-log entries
 * and audit records travel with the message to the intake committer, which stores them in the message's commit. A
 * check that could not be taken is logged at once and refuses the message (fail closed).
 */
@Component
class ConsentStep extends RouteBuilder {

    private final ConsentGate gate;
    private final PartnerRegistry partners;
    private final ConsentLog consentLog;
    private final nl.hvht.ketenpoort.audit.AuditLog audit;

    ConsentStep(ConsentGate gate, PartnerRegistry partners, ConsentLog consentLog, nl.hvht.ketenpoort.audit.AuditLog audit) {
        this.gate = gate;
        this.partners = partners;
        this.consentLog = consentLog;
        this.audit = audit;
    }

    @Override
    public void configure() {
        from(Steps.CHECK_CONSENT).routeId("check-consent").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> decide(exchange.getMessage().getBody(Dispatch.class)));
    }

    public void decide(Dispatch dispatch) {
        BerichtEnvelop envelope = dispatch.envelope();
        List<String> recipients = List.copyOf(dispatch.recipients());
        ConsentGate.Decided decided = gate.decide(recipients.stream()
                .map(id -> new ConsentGate.Check(dispatch.traceId(), ConsentLog.Phase.INTAKE, envelope.berichtId(),
                        envelope.berichtType(), envelope.afzender(), recipient(id, dispatch), envelope.deelnemer(),
                        dispatch.message().categories(), envelope.doel(), null))
                .toList());
        if (decided.failed()) {
            consentLog.recordAll(decided.entries());
            audit.recordAll(decided.events());
            throw new ConsentCheckFailedException();
        }
        List<ConsentDecision> decisions = decided.decisions();
        for (int i = 0; i < recipients.size(); i++) {
            dispatch.decided(recipients.get(i), decisions.get(i));
        }
        dispatch.consentLogged(decided.entries());
        decided.events().forEach(dispatch::audit);
    }

    private Ontvanger recipient(String id, Dispatch dispatch) {
        // Recipients were checked against the registry by the resolve-recipients step.
        return new Ontvanger(id, partners.byId(id).orElseThrow().soort(), dispatch.rolesOf(id));
    }
}
