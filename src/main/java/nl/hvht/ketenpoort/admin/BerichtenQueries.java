package nl.hvht.ketenpoort.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.audit.AuditTimeline;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.consent.ConsentDecisions;
import nl.hvht.ketenpoort.delivery.BerichtBrowser;
import org.springframework.stereotype.Component;

/**
 * The message browser's queries, bounded (a page of {@link #PAGINA} messages, at most {@link #MAX_REGELS} rows of a
 * message's history). The SQL lives with each table's owner: the ledger ({@code bericht}, {@code bezorging}) in
 * {@link BerichtBrowser}, {@code audit_record} in {@link AuditTimeline}, {@code toestemmingsbesluit} in
 * {@link ConsentDecisions}; never the content and never the participant id (only its pseudonym).
 */
@Component
class BerichtenQueries {

    static final int PAGINA = 50;
    static final int MAX_PAGINA = 200;
    static final int MAX_REGELS = 500;

    private final BerichtBrowser ledger;
    private final AuditTimeline audit;
    private final ConsentDecisions consent;

    BerichtenQueries(BerichtBrowser ledger, AuditTimeline audit, ConsentDecisions consent) {
        this.ledger = ledger;
        this.audit = audit;
        this.consent = consent;
    }

    /** What to search for; null fields do not filter. {@code pagina} counts from 0. */
    record Zoekvraag(UUID berichtId, String type, String afzender, String ontvanger, DeliveryStatus status, Instant van,
            Instant tot, String pseudoniem, int pagina) {
    }

    /** A page of results; {@code meer}: there is a next page. */
    record Resultaat(List<BerichtBrowser.Rij> rijen, boolean meer) {
    }

    Resultaat zoek(Zoekvraag q) {
        long offset = (long) Math.min(Math.max(q.pagina(), 0), MAX_PAGINA) * PAGINA;
        List<BerichtBrowser.Rij> rijen = new ArrayList<>(ledger.zoek(new BerichtBrowser.Zoekvraag(q.berichtId(), q.type(),
                q.afzender(), q.ontvanger(), q.status(), q.van(), q.tot(), q.pseudoniem()), PAGINA + 1, offset));
        boolean meer = rijen.size() > PAGINA;
        if (meer) {
            rijen.remove(PAGINA);
        }
        return new Resultaat(List.copyOf(rijen), meer);
    }

    Optional<BerichtBrowser.Bericht> bericht(UUID berichtId) {
        return ledger.bericht(berichtId);
    }

    List<BerichtBrowser.Bezorging> bezorgingen(UUID berichtId) {
        return ledger.bezorgingen(berichtId);
    }

    /** The message's audit records, oldest first, at most {@link #MAX_REGELS}. */
    List<AuditTimeline.Gebeurtenis> gebeurtenissen(String berichtId) {
        return audit.ofMessage(berichtId, MAX_REGELS);
    }

    /** The message's consent decisions, oldest first, at most {@link #MAX_REGELS}. */
    List<ConsentDecisions.Besluit> besluiten(String berichtId) {
        return consent.ofMessage(berichtId, MAX_REGELS);
    }
}
