package nl.hvht.ketenpoort.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentGate;
import nl.hvht.ketenpoort.consent.ConsentLog;
import nl.hvht.ketenpoort.partner.Bezorging;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.signing.CmsContentTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mailbox (postbus) of a partner that collects its copies ({@code bezorging: ophalen}) instead of having them
 * POSTed. Its copies are the ledger's unsettled deliveries to it, cut and signed (and encrypted) at intake exactly as for
 * a push partner; no delivery worker claims them. The ledger stays the one truth:
 * <ul>
 *   <li><b>List</b> reads the unsettled deliveries, oldest available first. Nothing changes.</li>
 *   <li><b>Fetch</b>, in ONE transaction as a push claim: lock the delivery, count the attempt and note it as under way
 *       (a revocation waits for it), check consent again through the same gate as a push delivery, store the decision
 *       (consent log, audit) and what follows: WITHHELD with the reason (410), or the stored copy (cut again when the
 *       decision or the registry's form changed). After the commit the bytes are written; then the fetch ends
 *       ({@link DeliveryLedger#fetchEnded}): the copy counts as fetched. A crash anywhere leaves the delivery QUEUED:
 *       the partner fetches again. Fetching is repeatable.</li>
 *   <li><b>Acknowledge</b>, in one transaction: the delivery locked; a signed receipt verified as one in a push answer
 *       ({@link OntvangstbewijsVerifier}, against the bytes of the fetched copy) and stored; DELIVERED. A repeat for a DELIVERED
 *       copy changes nothing and succeeds again; an invalid (or, where the partner must send one, missing) receipt
 *       changes nothing.</li>
 * </ul>
 * Every list, fetch and acknowledgement leaves an audit record (ids only). Another partner's message, and any message to
 * a partner that has no mailbox, is simply not found.
 */
@Component
class Postbus {

    private static final Logger LOG = LoggerFactory.getLogger(Postbus.class);

    private final DeliveryLedger ledger;
    private final DeliveryClaims claims;
    private final OntvangstbewijsCheck receipts;
    private final ConsentGate gate;
    private final ConsentLog consentLog;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final PartnerRegistry partners;
    private final TransactionTemplate transaction;
    private final DeliveryMetrics metrics;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Postbus(DeliveryLedger ledger, DeliveryClaims claims, OntvangstbewijsCheck receipts, ConsentGate gate, ConsentLog consentLog,
            AuditLog audit, Pseudonymizer pseudonymizer, PartnerRegistry partners, TransactionTemplate transaction,
            DeliveryMetrics metrics, ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.claims = claims;
        this.receipts = receipts;
        this.gate = gate;
        this.consentLog = consentLog;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.partners = partners;
        this.transaction = transaction;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    /** Whether this partner collects its copies from a mailbox. */
    boolean hasMailbox(String partnerId) {
        return partners.byId(partnerId).isPresent() && partners.bezorging(partnerId) == Bezorging.OPHALEN;
    }

    /** One listed copy: what the list shows of it. */
    record Item(String berichtId, String type, String afzender, Instant aangeboden, String contentType) {
    }

    /** A page of the list; {@code volgende} the position after its last item (null: this was the last page). */
    record Page(List<Item> berichten, DeliveryLedger.Waiting volgende) {
    }

    /**
     * A page of the partner's mailbox after {@code after} (null: from the start). The content type is the form the
     * registry gives the partner's copies: a fetch cuts a copy of another form again.
     */
    Page list(String ontvanger, DeliveryLedger.Waiting after, int limit, String traceId) {
        List<DeliveryLedger.Waiting> rows = ledger.mailbox(ontvanger, after, limit + 1);
        boolean more = rows.size() > limit;
        List<DeliveryLedger.Waiting> page = more ? rows.subList(0, limit) : rows;
        String contentType = CmsContentTypes.mediaType(partners.versleuteling(ontvanger));
        List<Item> items = page.stream()
                .map(w -> new Item(w.berichtId(), w.berichtType(), w.afzender(), w.aangeboden(), contentType)).toList();
        audit.record(new AuditEvent(traceId, AuditStep.POSTBUS_LISTED, null, null, null, ontvanger, null, null, "OK",
                "aantal:" + items.size() + (more ? " meer" : "")));
        return new Page(items, more ? page.get(page.size() - 1) : null);
    }

    /** What a fetch found. */
    sealed interface Fetch {
    }

    /** Not in this partner's mailbox (unknown, another partner's, or no longer unsettled). */
    record NotFound() implements Fetch {
    }

    /** No longer allowed (now or before): WITHHELD with this reason code. */
    record Withheld(String reden) implements Fetch {
    }

    /** The consent check could not be taken: nothing handed over, the fetch does not count (fail closed; 503). */
    record CheckFailed() implements Fetch {
    }

    /** The copy, to be written; the fetch is under way since {@code began} until {@link #ended}. */
    record Copy(DeliveryJob job, Instant began) implements Fetch {
    }

    /**
     * Fetches a copy: consent checked again, decision stored, in one commit before anything is handed over.
     */
    Fetch fetch(String ontvanger, String berichtId) {
        Instant now = clock.instant();
        Fetch fetch = transaction.execute(status -> {
            Optional<DeliveryLedger.MailboxCopy> found = ledger.mailboxCopy(berichtId, ontvanger);
            if (found.isEmpty()) {
                return new NotFound();
            }
            DeliveryLedger.MailboxCopy copy = found.get();
            if (copy.status() == DeliveryStatus.WITHHELD) {
                return new Withheld(copy.reden());
            }
            if (!ledger.fetchBegins(berichtId, ontvanger, now)) {
                return new NotFound(); // DELIVERED or FAILED: no longer in the mailbox
            }
            DeliveryLedger.Claimed row = copy.claimed();
            DeliveryJob job = row.job();
            ConsentGate.Decided decided = gate.decideForDelivery(Map.of(job.deelnemer(), List.of(claims.check(row)))).get(0);
            List<AuditEvent> records = new ArrayList<>(decided.events());
            Fetch result;
            if (decided.failed()) {
                ledger.fetchNotAttempted(berichtId, ontvanger);
                result = new CheckFailed();
            } else {
                ConsentDecision decision = decided.decisions().get(0);
                if (!decision.allowed()) {
                    ledger.settle(List.of(new DeliveryLedger.Outcome(berichtId, ontvanger, DeliveryLedger.Outcome.Kind.WITHHELD,
                            decision.reason().name(), null)), now);
                    records.add(job.event(AuditStep.WITHHELD, "DENIED", decision.reason().name(), pseudonymizer));
                    metrics.settled(job, DeliveryStatus.WITHHELD);
                    result = new Withheld(decision.reason().name());
                } else {
                    DeliveryJob signed = job.withSigned(claims.copyFor(row, decision));
                    records.add(signed.event(AuditStep.POSTBUS_FETCHED, "OK", "poging " + (row.pogingen() + 1), pseudonymizer));
                    result = new Copy(signed, now);
                }
            }
            consentLog.recordAll(decided.entries());
            // The chain head last: its lock is held only for the rest of this transaction.
            audit.appendInTransaction(records);
            return result;
        });
        if (fetch instanceof CheckFailed) {
            LOG.warn("consent check for the fetch of {}:{} could not be taken: not handed over", berichtId, ontvanger);
        }
        if (fetch instanceof Withheld withheld) {
            LOG.info("fetch of {}:{} refused: {}", berichtId, ontvanger, withheld.reden());
        }
        return fetch;
    }

    /** The fetch of {@code copy} ended; {@code handedOver}: its bytes were written to the partner's connection. */
    void ended(Copy copy, boolean handedOver) {
        DeliveryJob job = copy.job();
        try {
            ledger.fetchEnded(job.berichtId(), job.ontvanger(), copy.began(), handedOver, clock.instant());
        } catch (RuntimeException e) {
            // The copy stays unfetched in the ledger (an acknowledgement asks for a fetch first); the attempt mark runs out.
            LOG.warn("end of the fetch of {} not recorded: {}", job.key(), e.getClass().getName());
        }
    }

    /** What an acknowledgement did. */
    sealed interface Ack {
    }

    /** DELIVERED now ({@code repeat}: it was already; else {@code job} and when its message was received). */
    record Acknowledged(boolean repeat, DeliveryJob job, Instant ontvangen) implements Ack {
    }

    /** Not in this partner's mailbox. */
    record AckNotFound() implements Ack {
    }

    /** The copy is WITHHELD (reason code): nothing to acknowledge. */
    record AckWithheld(String reden) implements Ack {
    }

    /** The copy was never fetched. */
    record NotFetched() implements Ack {
    }

    /** The receipt was refused (or is missing where required): {@code RECEIPT_<reason>}. Nothing changed. */
    record ReceiptRefused(String reason) implements Ack {

        String code() {
            return "RECEIPT_" + reason;
        }
    }

    /**
     * Acknowledges a fetched copy, with the partner's signed receipt ({@code contentType} {@code application/pkcs7-mime}) or
     * without one (empty body); in one commit: receipt stored, DELIVERED, audit.
     */
    Ack acknowledge(String ontvanger, String berichtId, String contentType, InputStream body) throws IOException {
        Instant now = clock.instant();
        // Read (bounded) before the transaction: no row lock is held while a slow client sends its body.
        byte[] received = body == null ? new byte[0] : body.readNBytes(OntvangstbewijsCheck.MAX_RECEIPT_BYTES + 1);
        Ack ack = transaction.execute(status -> {
            Optional<DeliveryLedger.MailboxCopy> found = ledger.mailboxCopy(berichtId, ontvanger);
            if (found.isEmpty() || found.get().status() == DeliveryStatus.FAILED) {
                return new AckNotFound();
            }
            DeliveryLedger.MailboxCopy copy = found.get();
            DeliveryJob job = copy.claimed().job();
            switch (copy.status()) {
                case DELIVERED -> {
                    audit.appendInTransaction(List.of(job.event(AuditStep.POSTBUS_ACKNOWLEDGED, "HERHAALD", null, pseudonymizer)));
                    return new Acknowledged(true, job, null);
                }
                case WITHHELD -> {
                    return new AckWithheld(copy.reden());
                }
                default -> {
                    // ACCEPTED or QUEUED: in the mailbox
                }
            }
            if (copy.opgehaald() == null || job.signed() == null) {
                return new NotFetched();
            }
            OntvangstbewijsVerifier.Verdict verdict = receipts.verdict(job, contentType, new ByteArrayInputStream(received),
                    job.signed());
            boolean missing = OntvangstbewijsCheck.NONE.equals(verdict.reason());
            if (!verdict.isValid() && (!missing || partners.ontvangstbewijsVerplicht(ontvanger))) {
                if (!missing) {
                    audit.appendInTransaction(List.of(job.event(AuditStep.RECEIPT_REJECTED, verdict.reason(), "ontvangstbewijs",
                            pseudonymizer)));
                }
                return new ReceiptRefused(verdict.reason());
            }
            List<AuditEvent> records = new ArrayList<>();
            records.add(job.event(AuditStep.POSTBUS_ACKNOWLEDGED, "OK", missing ? "zonder ontvangstbewijs" : "ontvangstbewijs",
                    pseudonymizer));
            records.addAll(receipts.recorded(job, new OntvangstbewijsCheck.Answer(verdict, now)));
            records.add(job.event(AuditStep.DELIVERED, "OK", null, pseudonymizer));
            ledger.settle(List.of(new DeliveryLedger.Outcome(berichtId, ontvanger, DeliveryLedger.Outcome.Kind.DELIVERED, null, null)),
                    now);
            audit.appendInTransaction(records);
            return new Acknowledged(false, job, copy.claimed().ontvangen());
        });
        if (ack instanceof Acknowledged acknowledged && !acknowledged.repeat()) {
            metrics.delivered(acknowledged.job(), acknowledged.ontvangen(), now);
            publish(new DeliveryEvent.AttemptEnded(ontvanger, true, "OK"));
            LOG.debug("delivered {}:{} from the mailbox", berichtId, ontvanger);
        } else if (ack instanceof ReceiptRefused refused) {
            LOG.warn("acknowledgement of {}:{} refused: {}; nothing changed", berichtId, ontvanger, refused.code());
        }
        return ack;
    }

    /** Tells listeners (alerts); their failures never touch the delivery. */
    private void publish(DeliveryEvent event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} for {} failed: {}", event.getClass().getSimpleName(), event.ontvanger(), e.getClass().getName());
        }
    }
}
