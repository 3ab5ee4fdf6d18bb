package nl.hvht.ketenpoort.alert;

import java.time.Instant;
import org.springframework.stereotype.Component;

/** What retention may ask of the alerts: forget incidents resolved long ago (open ones always stay). */
@Component
public class ResolvedIncidents {

    private final IncidentStore store;

    ResolvedIncidents(IncidentStore store) {
        this.store = store;
    }

    /** Removes incidents resolved before {@code before}; returns how many. */
    public int removeResolvedBefore(Instant before) {
        return store.removeResolvedBefore(before);
    }
}
