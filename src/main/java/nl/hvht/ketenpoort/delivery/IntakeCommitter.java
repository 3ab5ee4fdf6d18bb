package nl.hvht.ketenpoort.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditSpan;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentLog;
import nl.hvht.ketenpoort.consent.Mijlpalen;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake committer: the one writer of the ledger on the intake path (pipeline steps {@code direct:deduplicate}
 * and {@code direct:record}). Request threads hand it their finished message (parsed, decided, cut and signed) and
 * wait; one thread takes everything that is waiting and stores it in ONE transaction: the messages and their
 * deliveries (QUEUED, due at once, or WITHHELD), the consent decisions, the release dates, and the audit records of
 * every step so far (received, decided, queued) — then commits, which is one disk flush for all of them, releases
 * the waiting requests (202) and wakes the delivery workers. So a 202 always means: on disk, and it will be
 * delivered; and nothing is on record as received that was not stored.
 *
 * <p>A berichtId seen before with the same bytes is a retry, answered with the current status; with other bytes it
 * is a conflict. That is checked before the work (deduplicate step) and again inside the commit (two requests with
 * the same message at once, or another node). If a batch fails as a whole, each of its messages is committed on its
 * own, so one bad message cannot refuse the others. A message not committed within {@code record-timeout}, or while
 * the database is unavailable, is refused with 503 SERVICE_UNAVAILABLE: the sender posts the same bytes again.
 *
 * <p>Started before the partner port opens and stopped after it has finished its requests: nothing accepted is left
 * behind at a clean stop.
 */
@Component
public class IntakeCommitter implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeCommitter.class);
    private static final int MAX_BATCH = 512;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final DeliveryLedger ledger;
    private final ConsentLog consentLog;
    private final Mijlpalen mijlpalen;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final TransactionTemplate transaction;
    private final DeliveryWorker worker;
    private final DeliveryWakeups wakeups;
    private final DeliveryMetrics metrics;
    private final LedgerHealth health;
    private final PartnerRegistry partners;
    private final Clock clock;
    private final BlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final ReadWriteLock state = new ReentrantReadWriteLock();
    private volatile boolean running;
    private Thread committer;

    IntakeCommitter(DeliveryLedger ledger, ConsentLog consentLog, Mijlpalen mijlpalen, AuditLog audit, Pseudonymizer pseudonymizer,
            PlatformTransactionManager transactions, DeliveryWorker worker, DeliveryWakeups wakeups, DeliveryMetrics metrics,
            LedgerHealth health, PartnerRegistry partners, Clock clock) {
        this.partners = partners;
        this.ledger = ledger;
        this.consentLog = consentLog;
        this.mijlpalen = mijlpalen;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setTimeout((int) WAIT.toSeconds());
        this.worker = worker;
        this.wakeups = wakeups;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
    }

    /** Pipeline step {@code direct:deduplicate}: a berichtId is processed once. */
    public void deduplicate(Dispatch dispatch) {
        ledger.digestOf(dispatch.envelope().berichtId()).ifPresent(digest -> known(dispatch, digest));
    }

    /**
     * Pipeline step {@code direct:record}: stores the message with everything decided for it in the next group
     * commit and returns once that commit is on disk (or marks the dispatch a duplicate). Throws a 503
     * {@link Rejection} if it could not be stored in time.
     */
    public void commit(Dispatch dispatch) {
        Unit unit = new Unit(dispatch, new CompletableFuture<>());
        state.readLock().lock();
        try {
            if (!running) {
                throw new Rejection(RejectionCode.SERVICE_UNAVAILABLE, "De gateway start of stopt; probeer het zo opnieuw.");
            }
            queue.add(unit);
        } finally {
            state.readLock().unlock();
        }
        try {
            Outcome outcome = unit.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome == Outcome.DUPLICATE) {
                dispatch.markDuplicate();
            }
        } catch (TimeoutException e) {
            // It may still be committed: then the sender's repeat of the same bytes is answered as a known message.
            throw new Rejection(RejectionCode.SERVICE_UNAVAILABLE, "Het bericht kon niet op tijd worden opgeslagen.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Rejection(RejectionCode.SERVICE_UNAVAILABLE, "Het bericht is niet opgeslagen.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Rejection rejection) {
                throw rejection;
            }
            LOG.warn("message {} not stored: {}", dispatch.envelope().berichtId(), e.getCause().getClass().getName());
            throw new Rejection(RejectionCode.SERVICE_UNAVAILABLE, "Het bericht kon niet worden opgeslagen.");
        }
    }

    /** The status the sender gets in the 202: what was just committed, without reading it back. */
    public static BerichtStatus acceptedStatus(Dispatch dispatch) {
        OffsetDateTime at = OffsetDateTime.ofInstant(dispatch.acceptedAt(), ZoneOffset.UTC);
        List<BerichtStatus.Ontvanger> recipients = new ArrayList<>();
        new java.util.TreeMap<>(dispatch.decisions()).forEach((ontvanger, decision) -> recipients.add(new BerichtStatus.Ontvanger(
                ontvanger, decision.allowed() ? DeliveryStatus.QUEUED : DeliveryStatus.WITHHELD,
                decision.allowed() ? null : decision.reason().name(),
                decision.allowed() ? decision.withheld().stream().map(c -> c.code()).sorted().toList() : List.of(),
                0, at, false)));
        Dispatch.AntwoordOp question = dispatch.antwoordOp();
        return new BerichtStatus(dispatch.envelope().berichtId(), dispatch.envelope().berichtType(), dispatch.envelope().afzender(),
                at, dispatch.verwerking(), recipients,
                question == null ? null : new BerichtStatus.Vraag(question.berichtId(), question.berichtType()), List.of());
    }

    private void commitLoop() {
        List<Unit> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Unit first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                batch.removeIf(unit -> unit.done().isDone()); // requests that gave up before we started
                if (!batch.isEmpty()) {
                    commitBatch(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("intake commit loop: {}", e.getClass().getName());
                batch.forEach(unit -> unit.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        List<Unit> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(unit -> unit.done().completeExceptionally(new Rejection(RejectionCode.SERVICE_UNAVAILABLE)));
    }

    private void commitBatch(List<Unit> batch) {
        Map<Unit, Outcome> outcomes;
        long started = System.nanoTime();
        try {
            outcomes = transaction.execute(status -> store(batch));
            health.committed();
        } catch (RuntimeException e) {
            health.failed(e);
            if (batch.size() == 1) {
                LOG.warn("intake commit of 1 message failed: {}", e.getClass().getName());
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            LOG.warn("intake commit of {} messages failed ({}): committing them one by one", batch.size(), e.getClass().getName());
            batch.forEach(unit -> commitBatch(List.of(unit)));
            return;
        }
        metrics.intakeCommitted(batch.size(), Duration.ofNanos(System.nanoTime() - started));
        Set<String> due = new LinkedHashSet<>();
        outcomes.forEach((unit, outcome) -> {
            if (outcome == Outcome.STORED) {
                Dispatch dispatch = unit.dispatch();
                due.addAll(dispatch.signed().keySet());
                metrics.received(dispatch.envelope().afzender(), dispatch.envelope().berichtType(),
                        Duration.ofNanos(System.nanoTime() - dispatch.startedNanos()));
                dispatch.decisions().forEach((ontvanger, decision) -> {
                    if (!decision.allowed()) {
                        metrics.settled(ontvanger, dispatch.envelope().berichtType(), DeliveryStatus.WITHHELD);
                    }
                });
            }
            unit.done().complete(outcome);
        });
        due.forEach(worker::wake);
        wakeups.announce(due);
    }

    /** The batch's writes, in the order the chain and the locks want them; the audit chain head last. */
    private Map<Unit, Outcome> store(List<Unit> batch) {
        // The precision of timestamp with time zone: the 202 names the same time the status API reads back later.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Map<String, String> stored = ledger.digestsOf(batch.stream().map(u -> u.dispatch().envelope().berichtId()).toList());
        Map<Unit, Outcome> outcomes = new java.util.LinkedHashMap<>();
        List<DeliveryLedger.NewMessage> messages = new ArrayList<>();
        List<ParsedBericht> parsed = new ArrayList<>();
        List<ConsentLog.Entry> entries = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        Map<String, String> inBatch = new HashMap<>(stored);
        for (Unit unit : batch) {
            Dispatch dispatch = unit.dispatch();
            String berichtId = dispatch.envelope().berichtId();
            String digest = inBatch.get(berichtId);
            if (digest != null) {
                if (!digest.equals(dispatch.sha256())) {
                    unit.done().completeExceptionally(new Rejection(RejectionCode.BERICHT_ID_CONFLICT));
                    continue;
                }
                outcomes.put(unit, Outcome.DUPLICATE);
                continue;
            }
            inBatch.put(berichtId, dispatch.sha256());
            outcomes.put(unit, Outcome.STORED);
            dispatch.accepted(now);
            messages.add(newMessage(dispatch));
            parsed.add(dispatch.message());
            entries.addAll(dispatch.consentEntries());
            // The Logboek fields the records need from the request: its intake span, the partner's operation, its start.
            AuditSpan intake = new AuditSpan(dispatch.trace() == null ? null : dispatch.trace().spanId(),
                    dispatch.callerOperation(), now.minusNanos(System.nanoTime() - dispatch.startedNanos()));
            for (AuditEvent event : dispatch.auditEvents()) {
                events.add(event.span() == null ? event.in(intake) : event);
            }
            queuedEvents(dispatch).forEach(event -> events.add(event.in(intake)));
        }
        if (!messages.isEmpty()) {
            ledger.insertAll(messages, now);
            consentLog.recordAll(entries);
            mijlpalen.recordAll(parsed);
            audit.appendInTransaction(events);
        }
        return outcomes;
    }

    private DeliveryLedger.NewMessage newMessage(Dispatch dispatch) {
        ParsedBericht message = dispatch.message();
        Map<String, Set<String>> roles = new HashMap<>();
        dispatch.recipients().forEach(r -> roles.put(r, dispatch.rolesOf(r)));
        return new DeliveryLedger.NewMessage(message.envelope(), pseudonymizer.pseudonym(message.envelope().deelnemer()),
                message.categories(), dispatch.sha256(), message.xml(), dispatch.traceId(), dispatch.trace(), dispatch.decisions(), dispatch.signed(),
                roles, dispatch.verwerking(), dispatch.antwoordOp() == null ? null : dispatch.antwoordOp().berichtId(),
                Retourberichten.wanted(partners, message.envelope(), dispatch.decisions().keySet()), null);
    }

    /** QUEUED for every recipient consent allowed: its copy is in the ledger's queue from this commit on. */
    private List<AuditEvent> queuedEvents(Dispatch dispatch) {
        List<AuditEvent> queued = new ArrayList<>();
        String pseudonym = pseudonymizer.pseudonym(dispatch.envelope().deelnemer());
        for (Map.Entry<String, ConsentDecision> entry : dispatch.decisions().entrySet()) {
            if (entry.getValue().allowed()) {
                queued.add(new AuditEvent(dispatch.traceId(), AuditStep.QUEUED, dispatch.envelope().berichtId(),
                        dispatch.envelope().berichtType(), dispatch.envelope().afzender(), entry.getKey(), pseudonym,
                        dispatch.message().categories(), "OK", "bezorging." + entry.getKey()).voorDoel(dispatch.envelope().doel()));
            }
        }
        return queued;
    }

    private static void known(Dispatch dispatch, String storedDigest) {
        if (!storedDigest.equals(dispatch.sha256())) {
            throw new Rejection(RejectionCode.BERICHT_ID_CONFLICT);
        }
        dispatch.markDuplicate();
    }

    @Override
    public void start() {
        state.writeLock().lock();
        try {
            if (running) {
                return;
            }
            running = true;
            committer = new Thread(this::commitLoop, "intake-committer");
            committer.setDaemon(true);
            committer.start();
        } finally {
            state.writeLock().unlock();
        }
    }

    @Override
    public void stop() {
        Thread stopping;
        state.writeLock().lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            stopping = committer;
            committer = null;
        } finally {
            state.writeLock().unlock();
        }
        try {
            stopping.join(WAIT.plus(POLL).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the delivery worker, stopped after it and after the partner port finished its requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1600;
    }

    private enum Outcome {
        STORED, DUPLICATE
    }

    private record Unit(Dispatch dispatch, CompletableFuture<Outcome> done) {
    }
}
