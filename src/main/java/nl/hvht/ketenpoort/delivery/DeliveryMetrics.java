package nl.hvht.ketenpoort.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import org.springframework.stereotype.Component;

/**
 * The gateway's own figures on {@code /actuator/prometheus}, for operators and the benchmark. Tags are partner ids,
 * message types and outcome words only.
 * <ul>
 *   <li>{@code ketenpoort_messages_received_total{afzender,type}}: messages stored at intake;</li>
 *   <li>{@code ketenpoort_deliveries_total{ontvanger,type,status}}: deliveries settled DELIVERED, WITHHELD or FAILED
 *       (at intake or at delivery);</li>
 *   <li>{@code ketenpoort_intake_latency_seconds}: from the request to the commit of its message (histogram);</li>
 *   <li>{@code ketenpoort_delivery_latency_seconds}: from intake to DELIVERED (histogram);</li>
 *   <li>{@code ketenpoort_batch_size{stage=intake|claim}}: messages per intake commit, deliveries per claim;</li>
 *   <li>{@code ketenpoort_intake_commit_seconds}: one intake commit (a batch's transaction, its disk flush included);
 *       a request's 202 waits for the commit under way and then for its own;</li>
 *   <li>{@code ketenpoort_delivery_repeats_total{ontvanger}}: attempts repeated because a crash lost their outcome (the
 *       only way a partner can receive a message twice, always with the same Idempotency-Key);</li>
 *   <li>{@code ketenpoort_delivery_backlog}: deliveries not settled yet (the ledger's queue), read at most every 5 s.</li>
 * </ul>
 */
@Component
class DeliveryMetrics {

    private static final Duration BACKLOG_CACHE = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final Timer intake;
    private final DistributionSummary intakeBatch;
    private final Timer intakeCommit;
    private final DistributionSummary claimBatch;
    private final AtomicLong backlog = new AtomicLong();
    private volatile long backlogReadAt;

    DeliveryMetrics(MeterRegistry registry, DeliveryLedger ledger) {
        this.registry = registry;
        this.intake = Timer.builder("ketenpoort.intake.latency").description("From request to commit of the message")
                .publishPercentileHistogram().register(registry);
        this.intakeBatch = DistributionSummary.builder("ketenpoort.batch.size").tag("stage", "intake")
                .description("Messages per intake commit").publishPercentileHistogram().register(registry);
        this.intakeCommit = Timer.builder("ketenpoort.intake.commit")
                .description("One intake commit: the transaction of a batch, its disk flush included").register(registry);
        this.claimBatch = DistributionSummary.builder("ketenpoort.batch.size").tag("stage", "claim")
                .description("Deliveries per claim").publishPercentileHistogram().register(registry);
        Gauge.builder("ketenpoort.delivery.backlog", () -> backlog(ledger)).description("Deliveries not settled yet")
                .register(registry);
    }

    void intakeCommitted(int messages, Duration took) {
        intakeBatch.record(messages);
        intakeCommit.record(took);
    }

    void received(String afzender, String type, Duration sinceRequest) {
        Counter.builder("ketenpoort.messages.received").tag("afzender", afzender).tag("type", type).register(registry).increment();
        intake.record(sinceRequest);
    }

    void settled(DeliveryJob job, DeliveryStatus status) {
        settled(job.ontvanger(), job.berichtType(), status);
    }

    void settled(String ontvanger, String type, DeliveryStatus status) {
        Counter.builder("ketenpoort.deliveries").tag("ontvanger", ontvanger).tag("type", type).tag("status", status.name())
                .register(registry).increment();
    }

    void delivered(DeliveryJob job, Instant received, Instant now) {
        settled(job, DeliveryStatus.DELIVERED);
        Timer.builder("ketenpoort.delivery.latency").description("From intake to DELIVERED").publishPercentileHistogram()
                .register(registry).record(Duration.between(received, now));
    }

    void claimed(String ontvanger, List<DeliveryLedger.Claimed> claimed) {
        claimBatch.record(claimed.size());
        long repeats = claimed.stream().filter(DeliveryLedger.Claimed::repeat).count();
        if (repeats > 0) {
            Counter.builder("ketenpoort.delivery.repeats").tag("ontvanger", ontvanger)
                    .description("Attempts repeated because a crash lost their outcome").register(registry).increment(repeats);
        }
    }

    private double backlog(DeliveryLedger ledger) {
        long now = System.nanoTime();
        if (now - backlogReadAt > BACKLOG_CACHE.toNanos()) {
            backlogReadAt = now;
            try {
                backlog.set(ledger.backlogPerRecipient().values().stream().mapToLong(Integer::longValue).sum());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }
        return backlog.get();
    }
}
