package nl.hvht.ketenpoort.consent;

import java.util.List;

/**
 * Legal tasks (flow grounds) that a feature configures for a flow it owns, next to those of
 * {@code ketenpoort.consent.wettelijke-taken}: for example the ground for answers to the partner that asked the
 * question ({@code routing}: {@code ketenpoort.routing.answers.grondslag}). {@link CopyPolicy} applies them exactly as
 * its own: only that message type, to a recipient the actor names, for that purpose, for those categories; the ground
 * is {@code wettelijke-taak:<naam>} in the consent log, the audit log, the ledger and the copy's verstrekking.
 */
public interface WettelijkeTaakSource {

    /** The tasks, read once at start-up; a name must not be one of {@code ketenpoort.consent.wettelijke-taken}. */
    List<ConsentProperties.WettelijkeTaak> legalTasks();
}
