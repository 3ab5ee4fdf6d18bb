package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decides what recipients may receive about a participant, from the stored toestemmingsverklaringen. */
public interface ConsentService {

    /**
     * The verdicts for several recipients of one message about one participant, in order, at one moment (one read
     * of the participant's verklaringen).
     *
     * @throws ConsentCheckFailedException if the verklaringen could not be read (fail closed: nothing is allowed)
     */
    List<ConsentVerdict> verdicts(String deelnemer, List<ConsentRequest> requests, Instant at);

    /**
     * The verdicts for the requests about several participants, per participant in order, at one moment (one read of
     * all their verklaringen where the store can).
     *
     * @throws ConsentCheckFailedException if the verklaringen could not be read (fail closed: nothing is allowed)
     */
    default Map<String, List<ConsentVerdict>> verdicts(Map<String, List<ConsentRequest>> requestsPerParticipant,
            Instant at) {
        Map<String, List<ConsentVerdict>> verdicts = new LinkedHashMap<>();
        requestsPerParticipant.forEach((deelnemer, requests) -> verdicts.put(deelnemer, verdicts(deelnemer, requests, at)));
        return verdicts;
    }
}
