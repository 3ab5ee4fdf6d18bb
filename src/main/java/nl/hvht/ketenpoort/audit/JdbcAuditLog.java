package nl.hvht.ketenpoort.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import nl.hvht.ketenpoort.database.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * The audit log on a relational database, with group commit: {@link #record} puts the event on a
 * queue and waits; one writer thread takes up to {@code batchSize} waiting events and appends them in one statement
 * that locks the chain head ({@code audit_keten_kop}, which also serialises gateway instances sharing the database),
 * numbers and chains the records, inserts them and moves the head (the function {@code audit_aanvullen}), and commits
 * — then releases all their callers at once. A failed batch fails each of its callers.
 *
 * <p>Every record is written in hash format 2 with its Logboek Dataverwerkingen fields ({@link LogboekMapping}): the
 * span it happened in is the event's, or else the one under way on the thread that records it.
 *
 * <p>Started first and stopped last among the lifecycle beans: on stop it takes no new events, writes
 * what is queued and ends the writer.
 */
@Component
class JdbcAuditLog implements AuditLog, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditLog.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * The whole append in ONE statement, which takes the chain head itself (the database function
     * {@code audit_aanvullen}, Flyway V29): it locks the head, numbers and chains the records as {@link AuditHash}
     * specifies, inserts them and moves the head. So the head is locked from inside this statement until the
     * caller's commit, without a round trip, a wake-up of the writing thread or any Java work in between. The records
     * come as one array per column (a constant text, prepared once per connection, whatever the batch size).
     */
    private static final String APPEND = "select audit_aanvullen("
            + String.join(", ", java.util.Collections.nCopies(AuditColumns.PARAMETERS, "?")) + ")";

    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final Duration recordTimeout;
    private final Clock clock;
    private final Activiteiten activiteiten;
    /** The tracer, looked up once it is there: resolving the provider for every record showed in the delivery profile. */
    private final SingletonSupplier<Tracer> tracer;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Read lock: enqueueing; write lock: switching {@link #running}. No event is queued after stop. */
    private final ReadWriteLock state = new ReentrantReadWriteLock();
    private volatile boolean running;
    private Thread writer;

    @Autowired
    JdbcAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AuditProperties properties,
            Verwerkingsregister register, ObjectProvider<Tracer> tracer) {
        this(jdbc, transactionManager, properties, Clock.systemUTC(), register, tracer);
    }

    /** Without a register (records name no activity) and outside tracing: for tests of the chain itself. */
    JdbcAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AuditProperties properties) {
        this(jdbc, transactionManager, properties, Clock.systemUTC(), null, null);
    }

    JdbcAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AuditProperties properties,
            Clock clock, Verwerkingsregister register, ObjectProvider<Tracer> tracer) {
        this.activiteiten = new Activiteiten(register);
        this.tracer = tracer == null ? null : SingletonSupplier.of(tracer::getIfAvailable);
        this.template = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setTimeout((int) Math.max(1, properties.recordTimeout().toSeconds()));
        this.batchSize = properties.batchSize();
        this.recordTimeout = properties.recordTimeout();
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent event) {
        recordAll(List.of(event));
    }

    /** Queues the events together (so they usually share one commit) and waits until all are committed. */
    @Override
    public void recordAll(List<AuditEvent> events) {
        events.forEach(AuditRecord::check);
        List<Pending> pendings = events.stream().map(e -> new Pending(inCurrentSpan(e), new CompletableFuture<>())).toList();
        state.readLock().lock();
        try {
            if (!running) {
                throw new AuditUnavailableException("audit log is not running");
            }
            queue.addAll(pendings);
        } finally {
            state.readLock().unlock();
        }
        // From here on the records may be committed, even after we stop waiting for them: so from here on the
        // caller's transaction, if it then does not commit, is followed by its rollback record.
        recordRollbackOf(events);
        long deadline = System.nanoTime() + recordTimeout.toNanos();
        for (Pending pending : pendings) {
            try {
                pending.done().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                pendings.forEach(p -> p.done().cancel(false));
                throw new AuditUnavailableException("audit record not committed within " + recordTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuditUnavailableException("interrupted while waiting for the audit commit");
            } catch (ExecutionException e) {
                throw new AuditUnavailableException("audit record not stored", e.getCause());
            }
        }
    }

    /**
     * The one place of the rule for records written inside a database transaction (which they do not join: they are
     * committed above, before it): if that transaction then does not commit, the same steps are recorded again with
     * outcome {@link AuditLog#ROLLED_BACK}, after it. Outside a transaction, and while a transaction completes (its
     * synchronisation is over then, so a rollback record is not followed by another), nothing to do.
     */
    private void recordRollbackOf(List<AuditEvent> events) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    return;
                }
                String uitkomst = status == STATUS_ROLLED_BACK ? ROLLED_BACK : OUTCOME_UNKNOWN;
                try {
                    recordAll(events.stream().map(e -> e.withUitkomst(uitkomst)).toList());
                } catch (RuntimeException e) {
                    // Steps only (no content): the chain now claims a change that was rolled back; say which.
                    log.error("rollback record of {} audit step(s) {} not stored: {}", events.size(),
                            events.stream().map(AuditEvent::step).toList(), e.getClass().getSimpleName());
                }
            }
        });
    }

    /**
     * Appends the records in the caller's transaction: they commit with its other writes (one commit, one disk
     * flush) or vanish with its rollback. The chain head is locked until that transaction ends, so callers take it
     * last, after their other locks.
     */
    @Override
    public void appendInTransaction(List<AuditEvent> events) {
        Transactions.requireActive("audit records in the caller's transaction");
        if (events.isEmpty()) {
            return;
        }
        events.forEach(AuditRecord::check);
        append(events.stream().map(this::inCurrentSpan).toList());
    }

    /**
     * An event that names no span of its own happened in the span under way on the recording thread (a console request,
     * a delivery attempt), if that span is of the event's trace; an event without a trace joins that span's trace.
     */
    private AuditEvent inCurrentSpan(AuditEvent event) {
        if ((event.span() != null && event.span().parentSpanId() != null) || tracer == null) {
            return event;
        }
        Tracer t = tracer.get();
        Span current = t == null ? null : t.currentSpan();
        if (current == null || current.context().traceId() == null) {
            return event;
        }
        String trace = current.context().traceId();
        AuditSpan given = event.span();
        AuditSpan here = new AuditSpan(current.context().spanId(), given == null ? null : given.foreign(),
                given == null ? null : given.start());
        if (event.traceId() == null) {
            return event.withTraceId(trace).in(here);
        }
        return trace.equals(event.traceId()) ? event.in(here) : event;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                batch.removeIf(p -> p.done().isDone()); // callers that gave up before we started
                if (!batch.isEmpty()) {
                    writeBatch(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        failAll("audit writer stopped");
    }

    private void writeBatch(List<Pending> batch) {
        try {
            transactions.executeWithoutResult(status -> append(batch.stream().map(Pending::event).toList()));
        } catch (RuntimeException e) {
            // The driver's message may quote the inserted values: log only the kinds and SQL state.
            Throwable root = rootCause(e);
            log.error("audit batch of {} records not stored: {} / {} (SQL state {})", batch.size(),
                    e.getClass().getSimpleName(), root.getClass().getSimpleName(), sqlState(root));
            AuditUnavailableException failure = new AuditUnavailableException(
                    "audit batch not stored: " + root.getClass().getSimpleName() + ", SQL state " + sqlState(root));
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        batch.forEach(p -> p.done().complete(null));
    }

    private void append(List<AuditEvent> batch) {
        Instant now = clock.instant();
        List<AuditRecord> records = new ArrayList<>(batch.size());
        for (AuditEvent event : batch) {
            records.add(AuditRecord.unchained(now, event, LogboekMapping.traceId(event.traceId()),
                    LogboekMapping.of(event, now, activiteiten)));
        }
        AuditColumns columns = new AuditColumns(records);
        template.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(APPEND);
            columns.bind(connection, statement, 1);
            return statement;
        }, rs -> null);
    }

    private void failAll(String reason) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        AuditUnavailableException failure = new AuditUnavailableException(reason);
        left.forEach(p -> p.done().completeExceptionally(failure));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String sqlState(Throwable t) {
        return t instanceof SQLException sql ? sql.getSQLState() : "-";
    }

    @Override
    public void start() {
        state.writeLock().lock();
        try {
            if (running) {
                return;
            }
            running = true;
            writer = new Thread(this::writeLoop, "audit-writer");
            writer.setDaemon(true);
            writer.start();
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
            stopping = writer;
            writer = null;
        } finally {
            state.writeLock().unlock();
        }
        try {
            stopping.join(recordTimeout.plus(POLL).toMillis());
            if (stopping.isAlive()) {
                log.warn("audit writer did not drain within {}; interrupting it", recordTimeout);
                stopping.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early start, late stop: everything that records steps runs in between. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private record Pending(AuditEvent event, CompletableFuture<Void> done) {
    }
}
