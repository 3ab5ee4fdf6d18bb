package nl.hvht.ketenpoort.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where incidents are kept (table {@code incident}, see {@link JdbcIncidentStore}). */
interface IncidentStore {

    /** Every open incident. */
    List<Incident> open();

    /** Opens an incident for the condition; empty if one with its key is open already (e.g. another instance). */
    Optional<Incident> open(Condition condition, Instant now);

    void updateDetails(long id, String details);

    void markNotified(long id, Instant now);

    void resolve(long id, Instant now);

    /** Removes incidents resolved before {@code before}; returns how many. */
    int removeResolvedBefore(Instant before);
}
