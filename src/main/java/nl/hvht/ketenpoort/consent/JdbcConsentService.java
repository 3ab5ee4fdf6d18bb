package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link ConsentService} over the stored verklaringen: one query for the versions of the participants'
 * verklaringen that can be in force at the moment asked ({@link VerklaringStore#candidatesInForce}), the decision
 * itself in {@link ConsentRules}. Any failure is a {@link ConsentCheckFailedException}
 * (fail closed); only a {@link VirtualMachineError} is passed on as it is.
 */
@Component
class JdbcConsentService implements ConsentService {

    private static final Logger log = LoggerFactory.getLogger(JdbcConsentService.class);

    private final VerklaringStore store;

    JdbcConsentService(VerklaringStore store) {
        this.store = store;
    }

    @Override
    public List<ConsentVerdict> verdicts(String deelnemer, List<ConsentRequest> requests, Instant at) {
        if (deelnemer == null || at == null) {
            log.warn("Consent check failed: incomplete question");
            throw new ConsentCheckFailedException();
        }
        return verdicts(Map.of(deelnemer, requests), at).get(deelnemer);
    }

    @Override
    public Map<String, List<ConsentVerdict>> verdicts(Map<String, List<ConsentRequest>> requestsPerParticipant,
            Instant at) {
        if (at == null || requestsPerParticipant.keySet().stream().anyMatch(java.util.Objects::isNull)) {
            log.warn("Consent check failed: incomplete question");
            throw new ConsentCheckFailedException();
        }
        try {
            Map<String, List<Verklaring>> versions = store.candidatesInForce(requestsPerParticipant.keySet(), at);
            Map<String, List<ConsentVerdict>> verdicts = new LinkedHashMap<>();
            requestsPerParticipant.forEach((deelnemer, requests) -> {
                List<Verklaring> own = versions.getOrDefault(deelnemer, List.of());
                verdicts.put(deelnemer, requests.stream().map(request -> ConsentRules.decide(own, request, at)).toList());
            });
            return verdicts;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Only the exception class: a driver message could quote the participant id.
            log.warn("Consent check failed: {}", e.getClass().getName());
            throw new ConsentCheckFailedException();
        }
    }
}
