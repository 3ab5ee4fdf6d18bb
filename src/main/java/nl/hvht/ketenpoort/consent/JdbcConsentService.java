package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link ConsentService} over the stored verklaringen: one indexed query per decision, the decision itself
 * in {@link ConsentRules}. Never throws: any failure is a {@code CHECK_FAILED} denial (fail closed); only a
 * {@link VirtualMachineError} (out of memory and the like) is passed on.
 */
@Component
class JdbcConsentService implements ConsentService {

    private static final Logger log = LoggerFactory.getLogger(JdbcConsentService.class);

    private final VerklaringStore store;

    JdbcConsentService(VerklaringStore store) {
        this.store = store;
    }

    @Override
    public ConsentDecision decide(ConsentQuery query, Instant at) {
        try {
            if (query.deelnemer() == null || query.ontvanger() == null || at == null) {
                log.warn("Consent check failed for recipient {}: incomplete query", query.ontvanger());
                return ConsentDecision.denied(DenialReason.CHECK_FAILED);
            }
            return ConsentRules.decide(store.forRecipient(query.deelnemer(), query.ontvanger()), query.ontvanger(),
                    query.categories(), query.doel(), at);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Only the exception class: a driver message could quote the participant id.
            log.warn("Consent check failed for recipient {}: {}", query == null ? null : query.ontvanger(),
                    e.getClass().getName());
            return ConsentDecision.denied(DenialReason.CHECK_FAILED);
        }
    }
}
