package nl.hvht.ketenpoort.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.BerichtParser;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentGate;
import nl.hvht.ketenpoort.consent.ConsentLog;
import nl.hvht.ketenpoort.consent.Grondslag;
import nl.hvht.ketenpoort.consent.Ontvanger;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.signing.CopySigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first half of a delivery batch, in ONE transaction and one commit: claim a batch of due deliveries of one
 * recipient in the ledger (counting the attempt), take the consent locks of their participants shared, check consent
 * again for each, and store the decisions (consent log, audit) and what follows from them: WITHHELD with the reason, a
 * copy cut and signed again when the decision changed (another version, other categories withheld, another encryption
 * form), or the claim given back when the check could not be taken (fail closed: nothing is sent, tried again later).
 * Only after this commit is anything sent; a revocation that commits before it is seen by the check, one that starts
 * after it waits for the attempts it allowed ({@code consent.IntrekkingFence}). After the first batch, a loop claims in
 * the same transaction that records the outcomes of its last batch ({@link #claimAfter}): one commit and one turn at
 * the audit chain head per batch, not two. There the consent locks are only tried: taken by a revocation, change or
 * new verklaring (or awaited by one), the round rolls back and the outcomes are recorded on their own.
 */
@Component
class DeliveryClaims {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryClaims.class);

    private final DeliveryLedger ledger;
    private final DeliveryOutcomes deliveryOutcomes;
    private final ConsentGate gate;
    private final ConsentLog consentLog;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final CopySigner copies;
    private final BerichtParser parser;
    private final PartnerRegistry partners;
    private final TransactionTemplate transaction;
    private final DeliveryProperties properties;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    DeliveryClaims(DeliveryLedger ledger, DeliveryOutcomes deliveryOutcomes, ConsentGate gate, ConsentLog consentLog,
            AuditLog audit, Pseudonymizer pseudonymizer, CopySigner copies, BerichtParser parser, PartnerRegistry partners,
            TransactionTemplate transaction, DeliveryProperties properties, DeliveryMetrics metrics, Clock clock) {
        this.ledger = ledger;
        this.deliveryOutcomes = deliveryOutcomes;
        this.gate = gate;
        this.consentLog = consentLog;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.copies = copies;
        this.parser = parser;
        this.partners = partners;
        this.transaction = transaction;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A claimed delivery that consent allows now, with the copy to send. */
    record Attempt(DeliveryLedger.Claimed claimed, DeliveryJob job) {
    }

    /** What one claim took: how many deliveries, and the attempts to make now (the others were settled or put back). */
    record Batch(int claimed, List<Attempt> attempts) {

        static final Batch EMPTY = new Batch(0, List.of());
    }

    /** Claims and checks a batch for {@code ontvanger} ({@code claimed} 0: nothing was due). */
    Batch claim(String ontvanger) {
        Batch batch = transaction.execute(status -> {
            Checked checked = claimAndCheck(ontvanger, true);
            // The chain head last: its lock is held only for the rest of this transaction.
            audit.appendInTransaction(checked.events());
            return checked.batch();
        });
        return batch == null ? Batch.EMPTY : batch;
    }

    /** A claim and the outcomes of the batch before it, committed together. */
    record Round(Batch next, DeliveryOutcomes.Settled last) {
    }

    /**
     * Claims and checks the next batch for {@code ontvanger} and settles the outcomes of the last one, in ONE
     * transaction and one commit: the claim and its consent check first (their locks), then the outcomes, then the
     * audit records of both, the outcomes' first, the chain head last. The consent locks are only tried here, never
     * awaited: a revocation under way may be waiting for exactly these outcomes ({@code consent.IntrekkingFence}), so
     * with a lock not free this throws {@link LockNotFree}, the transaction rolls back whole, and the caller records the
     * outcomes on their own ({@link DeliveryOutcomes#record}) before it claims again.
     */
    Round claimAfter(String ontvanger, List<DeliveryOutcomes.Posted> posted) {
        return transaction.execute(status -> {
            Checked checked = claimAndCheck(ontvanger, false);
            DeliveryOutcomes.Settled settled = deliveryOutcomes.settle(posted);
            List<AuditEvent> events = new ArrayList<>(settled.records().size() + checked.events().size());
            events.addAll(settled.records());
            events.addAll(checked.events());
            audit.appendInTransaction(events);
            return new Round(checked.batch(), settled);
        });
    }

    /** A consent lock was not free for a round that may not wait for it (see {@link #claimAfter}); rolls it back. */
    static final class LockNotFree extends RuntimeException {

        LockNotFree() {
            super("consent lock of a participant in the batch not free", null, false, false);
        }
    }

    /** A claimed and checked batch with its audit records, not yet appended. */
    private record Checked(Batch batch, List<AuditEvent> events) {

        static final Checked NOTHING = new Checked(Batch.EMPTY, List.of());
    }

    private Checked claimAndCheck(String ontvanger, boolean waitForLocks) {
        Instant now = clock.instant();
        List<DeliveryLedger.Claimed> claimed = ledger.claim(ontvanger, properties.nodeId(), now, now.plus(properties.lease()),
                properties.batchSize());
        if (claimed.isEmpty()) {
            return Checked.NOTHING;
        }
        Map<String, List<DeliveryLedger.Claimed>> perParticipant = new LinkedHashMap<>();
        claimed.forEach(c -> perParticipant.computeIfAbsent(c.job().deelnemer(), d -> new ArrayList<>()).add(c));
        Map<String, List<ConsentGate.Check>> checks = new LinkedHashMap<>();
        perParticipant.forEach((deelnemer, rows) -> checks.put(deelnemer, rows.stream().map(this::check).toList()));
        List<ConsentGate.Decided> decided = waitForLocks ? gate.decideForDelivery(checks)
                : gate.decideForDeliveryWithoutWaiting(checks).orElseThrow(LockNotFree::new);
        metrics.claimed(ontvanger, claimed);

        List<Attempt> attempts = new ArrayList<>(claimed.size());
        List<ConsentLog.Entry> entries = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        List<DeliveryLedger.Outcome> outcomes = new ArrayList<>();
        int p = 0;
        for (List<DeliveryLedger.Claimed> rows : perParticipant.values()) {
            ConsentGate.Decided forParticipant = decided.get(p++);
            entries.addAll(forParticipant.entries());
            events.addAll(forParticipant.events());
            for (int i = 0; i < rows.size(); i++) {
                DeliveryLedger.Claimed row = rows.get(i);
                DeliveryJob job = row.job();
                ConsentDecision decision = forParticipant.decisions().get(i);
                if (forParticipant.failed()) {
                    outcomes.add(new DeliveryLedger.Outcome(job.berichtId(), ontvanger, DeliveryLedger.Outcome.Kind.NOT_ATTEMPTED,
                            null, now.plus(properties.backoff(1))));
                } else if (!decision.allowed()) {
                    outcomes.add(new DeliveryLedger.Outcome(job.berichtId(), ontvanger, DeliveryLedger.Outcome.Kind.WITHHELD,
                            decision.reason().name(), null));
                    events.add(job.event(AuditStep.WITHHELD, decision.uitkomst().name(), decision.reason().name(), pseudonymizer));
                    metrics.settled(job, DeliveryStatus.WITHHELD);
                } else {
                    attempts.add(new Attempt(row, job.withSigned(copyFor(row, decision))));
                }
            }
        }
        if (attempts.size() < claimed.size()) {
            ledger.settle(outcomes, now);
        }
        consentLog.recordAll(entries);
        if (decided.stream().anyMatch(ConsentGate.Decided::failed)) {
            LOG.warn("consent check for {} delivery(ies) to {} could not be taken: not sent, tried again later",
                    outcomes.stream().filter(o -> o.kind() == DeliveryLedger.Outcome.Kind.NOT_ATTEMPTED).count(), ontvanger);
        }
        return new Checked(new Batch(claimed.size(), attempts), events);
    }

    ConsentGate.Check check(DeliveryLedger.Claimed row) {
        DeliveryJob job = row.job();
        Grondslag doorbraak = row.grondslag() != null && row.grondslag().startsWith(DoorbraakRelease.GROUND_PREFIX)
                ? Grondslag.parse(row.grondslag()) : null;
        Ontvanger recipient = new Ontvanger(job.ontvanger(), partners.byId(job.ontvanger()).orElseThrow(
                () -> new IllegalStateException("recipient no longer in the partner registry: " + job.ontvanger())).soort(),
                row.rollen());
        return new ConsentGate.Check(job.traceId(), ConsentLog.Phase.BEZORGING, job.berichtId(), job.berichtType(),
                job.afzender(), recipient, job.deelnemer(), job.categories(), job.doel(), doorbraak, job.trace());
    }

    /** The stored copy, or a new one (stored too) when the decision or the registry's form for the copy changed. */
    byte[] copyFor(DeliveryLedger.Claimed row, ConsentDecision decision) {
        DeliveryJob job = row.job();
        if (job.signed() != null && decision.ground().equals(row.grondslag()) && decision.withheldCodes().equals(row.ingehouden())
                && copies.isCurrentForm(job.ontvanger(), job.signed())) {
            return job.signed();
        }
        byte[] body = ledger.body(job.berichtId())
                .orElseThrow(() -> new IllegalStateException("stored message body missing for " + job.key()));
        byte[] copy = copies.copyFor(parser.parse(body), job.ontvanger(), decision, job.trace());
        ledger.replaceCopy(job.berichtId(), job.ontvanger(), copy, decision);
        return copy;
    }
}
