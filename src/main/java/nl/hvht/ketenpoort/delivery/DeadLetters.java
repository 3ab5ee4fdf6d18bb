package nl.hvht.ketenpoort.delivery;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.bericht.DataCategory;
import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dead letters: deliveries that failed for good (FAILED in the ledger, a copy on {@code ketenpoort.dlq}). An
 * administrator lists them (metadata only), queues one or a selection again, or discards them with a reason.
 *
 * <p><b>Retry.</b> The delivery goes FAILED → ACCEPTED and is queued again with its stored signed copy; at delivery
 * the consent check runs again as for every attempt, and the broker gives it {@code max-attempts} attempts. The
 * attempt counter is not reset; instead each delivery may be retried at most
 * {@code ketenpoort.delivery.max-handmatige-herkansingen} times (then {@code HERKANSING_LIMIET_BEREIKT}), so nothing
 * loops forever. The retry is queued under its own Artemis duplicate id {@code berichtId:ontvanger:herkansing:<n>}
 * (the earlier ids are in the broker's persisted duplicate cache and would be dropped; the outbox sweeper uses the
 * same id, {@link DeliveryLedger.Stored#duplicateSuffix}). The DLQ copy is consumed by a JMS selector on
 * {@code kpBerichtId}/{@code kpOntvanger}.
 *
 * <p><b>Discard.</b> The delivery stays FAILED with who, when, a reason code and the reason text; the DLQ copy is
 * removed. Retried or discarded deliveries are no longer open dead letters.
 *
 * <p>A selection is all or nothing: every delivery is checked under a row lock first; one refusal refuses the request.
 * Every action is audit-logged ({@link AuditStep#DEAD_LETTER_RETRIED}, {@link AuditStep#DEAD_LETTER_DISCARDED}) with
 * the administrator as actor, before the transaction commits: never the reason text.
 */
@Service
public class DeadLetters {

    /** Most deliveries one request may name. */
    public static final int MAX_ITEMS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int DLQ_BROWSE_LIMIT = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final ProducerTemplate producer;
    private final JmsTemplate dlq;
    private final Clock clock;
    private final int maxHerkansingen;

    DeadLetters(JdbcTemplate jdbc, TransactionTemplate transaction, AuditLog audit, ProducerTemplate producer,
            ConnectionFactory connectionFactory, Clock clock, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.producer = producer;
        this.dlq = new JmsTemplate(connectionFactory);
        // Removing the DLQ copy must never block: a copy that is not there (any more) is no error.
        this.dlq.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        this.clock = clock;
        this.maxHerkansingen = properties.maxHandmatigeHerkansingen();
    }

    /** The limit of manual retries per delivery. */
    public int maxHerkansingen() {
        return maxHerkansingen;
    }

    /**
     * FAILED deliveries, newest first: the open ones, or also the discarded ones; optionally of one recipient. With,
     * for each, whether a copy is on the dead-letter queue. Metadata only.
     */
    public List<DeadLetter> list(boolean inclusiefAfgevoerd, Optional<String> ontvanger, int limit) {
        Set<String> onQueue = onDeadLetterQueue();
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select z.bericht_id, b.bericht_type, b.afzender, z.ontvanger, z.reden, z.pogingen,"
                + " z.herkansingen, z.bijgewerkt_op, z.afgevoerd_op, z.afgevoerd_door, z.afvoer_code"
                + " from bezorging z join bericht b on b.bericht_id = z.bericht_id where z.status = 'FAILED'");
        if (!inclusiefAfgevoerd) {
            sql.append(" and z.afgevoerd_op is null");
        }
        ontvanger.ifPresent(id -> {
            sql.append(" and z.ontvanger = ?");
            args.add(id);
        });
        sql.append(" order by z.bijgewerkt_op desc limit ?");
        args.add(Math.max(1, Math.min(limit, 1000)));
        return jdbc.query(sql.toString(), (rs, n) -> {
            String berichtId = rs.getObject(1, UUID.class).toString();
            return new DeadLetter(berichtId, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                    rs.getInt(7), maxHerkansingen, rs.getObject(8, OffsetDateTime.class),
                    onQueue.contains(berichtId + ":" + rs.getString(4)), rs.getObject(9, OffsetDateTime.class),
                    rs.getString(10), rs.getString(11));
        }, args.toArray());
    }

    /** Number of open (not discarded) dead letters per recipient. */
    public java.util.Map<String, Integer> openPerRecipient() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.query("select ontvanger, count(*) from bezorging where status = 'FAILED' and afgevoerd_op is null group by ontvanger",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /**
     * Queues these FAILED deliveries again (all or nothing), as administrator {@code beheerder}. The consent check
     * runs again at delivery.
     */
    public List<Result> retry(List<Item> items, String beheerder) {
        List<Item> selection = distinct(items);
        List<DeliveryJob> jobs = transaction.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            List<DeliveryJob> queued = new ArrayList<>();
            List<AuditEvent> events = new ArrayList<>();
            for (Item item : selection) {
                Row row = lockOpen(item);
                if (row.herkansingen() >= maxHerkansingen) {
                    throw new Rejection(RejectionCode.HERKANSING_LIMIET_BEREIKT, "Bezorging " + item.key() + " is al "
                            + row.herkansingen() + " keer opnieuw aangeboden (maximaal " + maxHerkansingen + ").");
                }
                Stored copy = stored(item).orElseThrow(() -> new Rejection(RejectionCode.DODE_BRIEF_NIET_MOGELIJK,
                        "De inhoud van bezorging " + item.key() + " is niet meer bewaard."));
                int herkansing = row.herkansingen() + 1;
                int updated = jdbc.update("update bezorging set status = 'ACCEPTED', reden = null, herkansingen = ?, poging_sinds = null,"
                        + " bijgewerkt_op = ? where bericht_id = ? and ontvanger = ? and status = 'FAILED' and afgevoerd_op is null",
                        herkansing, now, UUID.fromString(item.berichtId()), item.ontvanger());
                if (updated != 1) {
                    throw new IllegalStateException("dead letter changed under its row lock: " + item.key());
                }
                queued.add(new DeliveryJob(item.berichtId(), copy.berichtType(), copy.afzender(), item.ontvanger(), null,
                        copy.doel(), copy.categories(), copy.traceId(), copy.signed(),
                        DeliveryLedger.Stored.duplicateSuffix(row.grondslag(), herkansing)));
                events.add(event(AuditStep.DEAD_LETTER_RETRIED, copy, item, beheerder, "ACCEPTED",
                        "herkansing:" + herkansing + "/" + maxHerkansingen));
            }
            audit.recordAll(events);
            return queued;
        });
        List<Result> results = new ArrayList<>();
        for (DeliveryJob job : jobs) {
            LOG.info("dead letter {} queued again by {}", job.key(), beheerder);
            // The old copy first: a retry that fails at once puts a new copy there, which must stay.
            removeFromDeadLetterQueue(new Item(job.berichtId(), job.ontvanger()));
            try {
                producer.sendBody("direct:enqueue-job", job);
            } catch (RuntimeException e) {
                LOG.warn("enqueue of retried dead letter {} deferred to the outbox sweeper: {}", job.key(), e.getClass().getName());
            }
            results.add(new Result(job.berichtId(), job.ontvanger(), "OPNIEUW_AANGEBODEN"));
        }
        return results;
    }

    /**
     * Discards these FAILED deliveries (all or nothing) with a reason code and a reason text, as administrator
     * {@code beheerder}: they stay FAILED, the DLQ copies are removed.
     */
    public List<Result> discard(List<Item> items, AfvoerCode code, String reden, String beheerder) {
        List<Item> selection = distinct(items);
        transaction.executeWithoutResult(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            List<AuditEvent> events = new ArrayList<>();
            for (Item item : selection) {
                lockOpen(item);
                Stored meta = stored(item).orElseGet(() -> metadata(item));
                jdbc.update("update bezorging set afgevoerd_op = ?, afgevoerd_door = ?, afvoer_code = ?, afvoer_reden = ?, bijgewerkt_op = ?"
                        + " where bericht_id = ? and ontvanger = ? and status = 'FAILED' and afgevoerd_op is null",
                        now, beheerder, code.name(), reden, now, UUID.fromString(item.berichtId()), item.ontvanger());
                events.add(event(AuditStep.DEAD_LETTER_DISCARDED, meta, item, beheerder, "AFGEVOERD", code.name()));
            }
            audit.recordAll(events);
        });
        List<Result> results = new ArrayList<>();
        for (Item item : selection) {
            LOG.info("dead letter {} discarded by {} ({})", item.key(), beheerder, code);
            removeFromDeadLetterQueue(item);
            results.add(new Result(item.berichtId(), item.ontvanger(), "AFGEVOERD"));
        }
        return results;
    }

    private static List<Item> distinct(List<Item> items) {
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED, "Noem 1 tot " + MAX_ITEMS + " bezorgingen.");
        }
        return List.copyOf(new java.util.LinkedHashSet<>(items));
    }

    /** The FAILED, not discarded delivery, row-locked until the transaction ends; else DODE_BRIEF_NIET_MOGELIJK. */
    private Row lockOpen(Item item) {
        Row row = jdbc.query("select status, afgevoerd_op, herkansingen, grondslag from bezorging where bericht_id = ? and ontvanger = ?"
                        + " for update",
                rs -> rs.next() ? new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class) != null, rs.getInt(3), rs.getString(4))
                        : null,
                UUID.fromString(item.berichtId()), item.ontvanger());
        if (row == null) {
            throw new Rejection(RejectionCode.DODE_BRIEF_NIET_MOGELIJK, "Onbekende bezorging " + item.key() + ".");
        }
        if (!DeliveryStatus.FAILED.name().equals(row.status()) || row.afgevoerd()) {
            throw new Rejection(RejectionCode.DODE_BRIEF_NIET_MOGELIJK, "Bezorging " + item.key() + " is geen open dode brief ("
                    + (row.afgevoerd() ? "afgevoerd" : row.status()) + ").");
        }
        return row;
    }

    private Optional<Stored> stored(Item item) {
        return jdbc.query("select b.bericht_type, b.afzender, b.doel, b.categorieen, b.trace_id, b.deelnemer_pseudoniem, z.ondertekend"
                        + " from bericht b join bezorging z on z.bericht_id = b.bericht_id"
                        + " where b.bericht_id = ? and z.ontvanger = ? and b.inhoud is not null and z.ondertekend is not null",
                rs -> rs.next() ? Optional.of(new Stored(rs.getString(1), rs.getString(2), rs.getString(3), categories(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getBytes(7))) : Optional.<Stored>empty(),
                UUID.fromString(item.berichtId()), item.ontvanger());
    }

    private Stored metadata(Item item) {
        return jdbc.queryForObject("select bericht_type, afzender, doel, categorieen, trace_id, deelnemer_pseudoniem from bericht"
                        + " where bericht_id = ?",
                (rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), categories(rs.getString(4)), rs.getString(5),
                        rs.getString(6), null), UUID.fromString(item.berichtId()));
    }

    private static AuditEvent event(AuditStep step, Stored meta, Item item, String beheerder, String outcome, String reason) {
        return new AuditEvent(MDC.get("traceId"), step, item.berichtId(), meta.berichtType(), "beheerder:" + beheerder,
                item.ontvanger(), meta.deelnemerPseudoniem(), meta.categories(), outcome, reason);
    }

    /** Consumes every copy of this delivery from the dead-letter queue (JMS selector); none is fine. */
    private void removeFromDeadLetterQueue(Item item) {
        String selector = DeliveryJob.BERICHT_ID + " = '" + quote(item.berichtId()) + "' AND " + DeliveryJob.ONTVANGER + " = '"
                + quote(item.ontvanger()) + "'";
        try {
            int removed = 0;
            while (dlq.receiveSelected(Queues.DEAD_LETTER, selector) != null) {
                removed++;
            }
            LOG.debug("removed {} copy(ies) of {} from {}", removed, item.key(), Queues.DEAD_LETTER);
        } catch (RuntimeException e) {
            LOG.warn("copy of {} not removed from {}: {}", item.key(), Queues.DEAD_LETTER, e.getClass().getName());
        }
    }

    /** {@code berichtId:ontvanger} of every message on the dead-letter queue (browsed, at most a bounded number). */
    private Set<String> onDeadLetterQueue() {
        try {
            Set<String> keys = dlq.browse(Queues.DEAD_LETTER, (session, browser) -> {
                Set<String> found = new HashSet<>();
                var messages = browser.getEnumeration();
                while (messages.hasMoreElements() && found.size() < DLQ_BROWSE_LIMIT) {
                    Message message = (Message) messages.nextElement();
                    found.add(message.getStringProperty(DeliveryJob.BERICHT_ID) + ":" + message.getStringProperty(DeliveryJob.ONTVANGER));
                }
                return found;
            });
            return keys == null ? Set.of() : keys;
        } catch (RuntimeException e) {
            LOG.warn("{} not browsed: {}", Queues.DEAD_LETTER, e.getClass().getName());
            return Collections.emptySet();
        }
    }

    private static String quote(String value) {
        return value.replace("'", "''");
    }

    private static Set<DataCategory> categories(String codes) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (codes != null && !codes.isEmpty()) {
            Arrays.stream(codes.split(",")).forEach(code -> DataCategory.fromCode(code).ifPresent(categories::add));
        }
        return categories;
    }

    private record Row(String status, boolean afgevoerd, int herkansingen, String grondslag) {
    }

    private record Stored(String berichtType, String afzender, String doel, Set<DataCategory> categories, String traceId,
            String deelnemerPseudoniem, byte[] signed) {
    }

    /** One delivery: message and recipient. */
    public record Item(String berichtId, String ontvanger) {

        public Item {
            berichtId = UUID.fromString(berichtId).toString();
            if (ontvanger == null || !ontvanger.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new Rejection(RejectionCode.VALIDATION_FAILED, "Ongeldige ontvanger.");
            }
        }

        String key() {
            return berichtId + ":" + ontvanger;
        }
    }

    /** What happened to one delivery of a request. */
    public record Result(String berichtId, String ontvanger, String resultaat) {
    }

    /**
     * A FAILED delivery as listed: ids, type, sender, recipient, failure word, attempts, manual retries (and their
     * limit), last change, whether a copy is on the dead-letter queue, and if discarded by whom, when and the code.
     * Never content, never the participant, never the discard reason text.
     */
    public record DeadLetter(String berichtId, String berichtType, String afzender, String ontvanger, String reden, int pogingen,
            int herkansingen, int maxHerkansingen, OffsetDateTime bijgewerktOp, boolean opDlq, OffsetDateTime afgevoerdOp,
            String afgevoerdDoor, String afvoerCode) {
    }
}
