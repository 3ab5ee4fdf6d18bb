package nl.hvht.ketenpoort.delivery;

import io.micrometer.tracing.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.hvht.ketenpoort.partner.Bezorging;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.pipeline.Steps;
import nl.hvht.ketenpoort.trace.SpanNames;
import nl.hvht.ketenpoort.trace.Traces;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The delivery worker loop, the one place deliveries are made. Per recipient {@code consumers-per-recipient} loops,
 * each doing, over and over:
 * <ol>
 *   <li>claim a batch of due deliveries in the ledger and check consent for it, one commit ({@link DeliveryClaims});</li>
 *   <li>POST the batch concurrently over pooled keep-alive connections ({@code direct:deliver});</li>
 *   <li>record the outcomes in one commit ({@link DeliveryOutcomes}): the commit of the next claim
 *   ({@link DeliveryClaims#claimAfter}), so a busy loop makes one commit per batch; on their own at the stop, or when
 *   that round cannot be taken.</li>
 * </ol>
 * A partner that collects its copies from its mailbox ({@code bezorging: ophalen}) has no loop: its QUEUED copies are
 * fetched and acknowledged through {@link Postbus}.
 * An idle loop waits until it is woken (the intake committer after a commit, another node over the broker) or a retry
 * falls due, and looks in the ledger at least every {@code poll-interval} anyway: recovery is nothing but that query,
 * for whatever is unsettled and holds no live lease, in whatever state a crash left it.
 *
 * <p>Stopped early in shutdown (after the partner port stopped taking requests, before the broker, Camel and the
 * database go): it claims nothing more, lets the batches under way finish and records their outcomes, so a clean
 * restart repeats nothing. At start it first ends the leases this node held before a crash: those attempts' outcomes
 * are unknown and they are repeated at once, with the same Idempotency-Key.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /**
     * How long the outcomes of a batch that took everything due wait for the bell (an intake commit, a retry falling
     * due) before they are recorded: a ring ends the wait at once, and that commit then records them and claims what
     * rang. It delays the DELIVERED status by as much, never a POST; a revocation waits for the attempts meanwhile.
     */
    private static final Duration OUTCOME_HOLD = Duration.ofMillis(20);

    private final DeliveryClaims claims;
    private final DeliveryOutcomes outcomes;
    private final DeliveryLedger ledger;
    private final ProducerTemplate producer;
    private final PartnerRegistry partners;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Traces traces;
    private final Map<String, Doorbell> doorbells = new ConcurrentHashMap<>();
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;
    private ExecutorService posts;

    DeliveryWorker(DeliveryClaims claims, DeliveryOutcomes outcomes, DeliveryLedger ledger, ProducerTemplate producer,
            PartnerRegistry partners, DeliveryProperties properties, Clock clock, Traces traces) {
        this.traces = traces;
        this.claims = claims;
        this.outcomes = outcomes;
        this.ledger = ledger;
        this.producer = producer;
        this.partners = partners;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deliveries to this recipient are due: its idle loops look now. */
    void wake(String ontvanger) {
        Doorbell bell = doorbells.get(ontvanger);
        if (bell != null) {
            bell.ring(null);
        }
    }

    /** Wakes the loops of these recipients (comma-separated ids, as another node announces them). */
    public void wakeAll(String ontvangers) {
        if (ontvangers != null) {
            for (String id : ontvangers.split(",")) {
                wake(id.strip());
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            int released = ledger.releaseLeasesOf(properties.nodeId(), clock.instant());
            if (released > 0) {
                LOG.warn("{} delivery attempt(s) under way at the last stop of node {} have an unknown outcome: repeated now"
                        + " with the same Idempotency-Key", released, properties.nodeId());
            }
        } catch (RuntimeException e) {
            // Their leases run out by themselves; nothing is lost.
            LOG.warn("leases of node {} not released at start: {}", properties.nodeId(), e.getClass().getName());
        }
        AtomicInteger postThreads = new AtomicInteger();
        posts = Executors.newFixedThreadPool(properties.maxConcurrentPosts(), runnable -> {
            Thread thread = new Thread(runnable, "delivery-post-" + postThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
    }

    /**
     * The loops start once the application is ready: Camel (which carries the POSTs) is started on the context refresh,
     * after the lifecycle beans, so an attempt claimed earlier could not be sent and would be counted for nothing.
     */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void startLoops() {
        if (!running || !loops.isEmpty()) {
            return;
        }
        for (Partner partner : partners.all()) {
            if (partners.bezorging(partner.id()) == Bezorging.OPHALEN) {
                continue; // nothing to POST: its copies wait in its mailbox (Postbus) until it fetches them
            }
            Doorbell bell = doorbells.computeIfAbsent(partner.id(), id -> new Doorbell());
            for (int i = 1; i <= properties.consumersPerRecipient(); i++) {
                Thread loop = new Thread(() -> loop(partner.id(), bell), "delivery-" + partner.id() + "-" + i);
                loop.setDaemon(true);
                loops.add(loop);
                loop.start();
            }
        }
        LOG.info("delivery workers started: {} recipient(s), {} loop(s) each, node {}", doorbells.size(),
                properties.consumersPerRecipient(), properties.nodeId());
    }

    /**
     * Claims until stopped. The outcomes of a batch are recorded in the transaction that claims the next one
     * ({@link DeliveryClaims#claimAfter}), after waiting at most {@link #OUTCOME_HOLD} for one to fall due; if that round
     * cannot be taken (a consent lock not free, a database error), they are recorded on their own first. At the stop,
     * the last outcomes are recorded before the loop ends.
     */
    private void loop(String ontvanger, Doorbell bell) {
        List<DeliveryOutcomes.Posted> unrecorded = List.of();
        while (running) {
            try {
                DeliveryClaims.Batch batch;
                if (unrecorded.isEmpty()) {
                    batch = claims.claim(ontvanger);
                } else {
                    batch = claimAfter(ontvanger, unrecorded, bell);
                }
                unrecorded = List.of();
                if (batch.claimed() == 0) {
                    bell.await(properties.pollInterval(), clock);
                    continue;
                }
                if (batch.claimed() == properties.batchSize()) {
                    bell.ring(null); // more may be due: another loop of this recipient claims the next batch meanwhile
                }
                if (!batch.attempts().isEmpty()) {
                    unrecorded = post(batch.attempts());
                    if (batch.claimed() < properties.batchSize()) {
                        // Nothing more was due at the claim: the outcomes wait (at most OUTCOME_HOLD) for the next
                        // deliveries to fall due, so that one commit records them and claims those.
                        bell.await(OUTCOME_HOLD, clock);
                    }
                }
            } catch (RuntimeException e) {
                // A claim that failed rolled back whole (nothing was sent). An outcome that could not be recorded leaves the
                // leases: those attempts are repeated when they run out (or at once after a restart).
                LOG.warn("delivery batch for {} failed: {}", ontvanger, e.getClass().getName());
                unrecorded = List.of();
                bell.await(properties.pollInterval(), clock);
            }
        }
        if (!unrecorded.isEmpty()) {
            try {
                record(ontvanger, unrecorded, bell);
            } catch (RuntimeException e) {
                LOG.warn("outcomes of {} attempt(s) to {} not recorded at the stop: {}; repeated after the restart",
                        unrecorded.size(), ontvanger, e.getClass().getName());
            }
        }
    }

    /**
     * The outcomes of the last batch and the claim of the next in one commit; if that round rolls back, the outcomes
     * alone ({@link #record}), and the next claim waits for the loop's next turn.
     */
    private DeliveryClaims.Batch claimAfter(String ontvanger, List<DeliveryOutcomes.Posted> posted, Doorbell bell) {
        DeliveryClaims.Round round = null;
        try {
            round = claims.claimAfter(ontvanger, posted);
        } catch (DeliveryClaims.LockNotFree e) {
            LOG.debug("consent lock not free for the next batch to {}: outcomes recorded on their own", ontvanger);
        } catch (RuntimeException e) {
            LOG.warn("outcomes of {} attempt(s) to {} not recorded with the next claim: {}; recording them on their own",
                    posted.size(), ontvanger, e.getClass().getName());
        }
        if (round == null) {
            record(ontvanger, posted, bell);
            bell.ring(null); // what the round would have claimed is still due: the loop claims it on its own now
            return DeliveryClaims.Batch.EMPTY;
        }
        try {
            round.last().afterCommit().ifPresent(bell::ring);
        } catch (RuntimeException e) {
            // Listeners and metrics only: the outcomes are committed, and the batch just claimed must still be sent.
            LOG.warn("after recording {} outcome(s) to {}: {}", posted.size(), ontvanger, e.getClass().getName());
        }
        return round.next();
    }

    /**
     * Records the outcomes of a batch; while the database refuses, tries again (for as long as half a lease), so that a
     * short outage does not turn finished attempts into repeats.
     */
    private void record(String ontvanger, List<DeliveryOutcomes.Posted> posted, Doorbell bell) {
        long giveUp = System.nanoTime() + properties.lease().dividedBy(2).toNanos();
        while (true) {
            try {
                outcomes.record(posted).ifPresent(bell::ring);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > giveUp) {
                    throw e;
                }
                LOG.warn("outcomes of {} attempt(s) to {} not recorded yet: {}; trying again", posted.size(), ontvanger,
                        e.getClass().getName());
                synchronized (this) {
                    try {
                        wait(properties.pollInterval().toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }

    /** POSTs every attempt of the batch at once and waits for all answers. */
    private List<DeliveryOutcomes.Posted> post(List<DeliveryClaims.Attempt> batch) {
        List<CompletableFuture<DeliveryOutcomes.Posted>> answers = new ArrayList<>(batch.size());
        for (DeliveryClaims.Attempt attempt : batch) {
            answers.add(CompletableFuture.supplyAsync(() -> postOne(attempt), posts));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /**
     * One attempt, a span of the message's trace (from the context stored with it, so also after a restart) that the
     * POST carries to the partner as its {@code traceparent}.
     */
    private DeliveryOutcomes.Posted postOne(DeliveryClaims.Attempt attempt) {
        DeliveryJob job = attempt.job();
        Span span = traces.startClient(SpanNames.DELIVERY_ATTEMPT, job.trace()).tag(SpanNames.BERICHT_ID, job.berichtId())
                .tag(SpanNames.ONTVANGER, job.ontvanger()).tag(SpanNames.POGING, attempt.claimed().pogingen());
        DeliveryOutcomes.Posted posted;
        String spanId = span.context().spanId();
        java.time.Instant start = java.time.Instant.now();
        try {
            Exchange answer = producer.send(Steps.DELIVER, exchange -> {
                exchange.setProperty(PartnerRequest.JOB, job);
                exchange.setProperty(PartnerRequest.SPAN, span);
            });
            posted = new DeliveryOutcomes.Posted(attempt, answer.getException(), OntvangstbewijsCheck.answerOf(answer), spanId, start);
        } catch (RuntimeException e) {
            posted = new DeliveryOutcomes.Posted(attempt, e, new OntvangstbewijsCheck.Answer(null, null), spanId, start);
        }
        String word = posted.failure() == null ? "OK" : DeliveryOutcomes.word(posted.failure());
        span.tag(SpanNames.UITKOMST, word);
        if (posted.failure() != null) {
            span.tag("error", word); // the outcome word, never the exception's message
        }
        span.end();
        return posted;
    }

    @Override
    public void stop() {
        List<Thread> stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping = List.copyOf(loops);
            loops.clear();
        }
        doorbells.values().forEach(bell -> bell.ring(null));
        long deadline = System.nanoTime() + properties.lease().toNanos();
        for (Thread loop : stopping) {
            try {
                loop.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (loop.isAlive()) {
                LOG.warn("delivery loop {} still busy at stop: its attempts are repeated after the restart", loop.getName());
            }
        }
        posts.shutdownNow();
        LOG.info("delivery workers stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * After the partner port's graceful shutdown (phase {@code MAX - 1024}) and before the web server, Camel
     * ({@code MAX - 2049}), the broker and the database; after the intake committer's start, before its stop.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1500;
    }

    /** Where idle loops of one recipient wait; ringing wakes them (optionally only once {@code at} is reached). */
    private static final class Doorbell {

        private boolean rung;
        private Instant dueAt;

        synchronized void ring(Instant at) {
            if (at == null) {
                rung = true;
                notifyAll();
            } else if (dueAt == null || at.isBefore(dueAt)) {
                dueAt = at;
                notifyAll();
            }
        }

        synchronized void await(Duration max, Clock clock) {
            Instant limit = clock.instant().plus(max);
            try {
                while (!rung) {
                    Instant now = clock.instant();
                    Instant until = dueAt != null && dueAt.isBefore(limit) ? dueAt : limit;
                    if (!now.isBefore(until)) {
                        break;
                    }
                    wait(Math.max(1, Duration.between(now, until).toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rung = false;
            if (dueAt != null && !clock.instant().isBefore(dueAt)) {
                dueAt = null;
            }
        }
    }
}
