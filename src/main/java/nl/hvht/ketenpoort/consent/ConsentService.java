package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.List;

/** Decides what recipients may receive about a participant, from the stored toestemmingsverklaringen. */
public interface ConsentService {

    /**
     * The verdicts for several recipients of one message about one participant, in order, at one moment (one read
     * of the participant's verklaringen).
     *
     * @throws ConsentCheckFailedException if the verklaringen could not be read (fail closed: nothing is allowed)
     */
    List<ConsentVerdict> verdicts(String deelnemer, List<ConsentRequest> requests, Instant at);
}
