package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.DataCategory;

/** Decides whether a recipient may receive data about a participant. */
public interface ConsentService {

    /**
     * Decides for one recipient at one moment. Never throws: any failure is a denial with
     * {@link ConsentDecision.DenialReason#CHECK_FAILED} (fail closed).
     */
    ConsentDecision decide(ConsentQuery query, Instant at);

    /**
     * The question asked.
     *
     * @param deelnemer  participant id
     * @param ontvanger  recipient partner id
     * @param categories data categories in the message
     * @param doel       purpose code
     */
    record ConsentQuery(String deelnemer, String ontvanger, Set<DataCategory> categories, String doel) {
        public ConsentQuery {
            categories = Set.copyOf(categories);
        }

        @Override
        public String toString() {
            return "ConsentQuery[ontvanger=" + ontvanger + ", categories=" + categories + ", doel=" + doel + "]";
        }
    }
}
