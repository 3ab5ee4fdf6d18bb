package nl.hvht.ketenpoort.delivery;

import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.problem.AdminCode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import nl.hvht.ketenpoort.trace.Traces;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dead letters: deliveries that failed for good (FAILED in the ledger, which keeps their signed copy). An
 * administrator lists them (metadata only), queues one or a selection again, or discards them with a reason.
 *
 * <p><b>Retry.</b> The delivery goes FAILED → QUEUED, due at once, and starts a new round of {@code max-attempts}
 * attempts with its stored signed copy; at delivery the consent check runs again as for every attempt. The attempt
 * counter is not reset; instead each delivery may be retried at most
 * {@code ketenpoort.delivery.max-manual-retries} times (then {@code HERKANSING_LIMIET_BEREIKT}), so nothing
 * loops forever.
 *
 * <p><b>Discard.</b> The delivery stays FAILED with who, when, a reason code and the reason text. Retried or
 * discarded deliveries are no longer open dead letters.
 *
 * <p>A selection is all or nothing: every delivery is checked under a row lock first; one refusal refuses the request.
 * Every action is audit-logged ({@link AuditStep#DEAD_LETTER_RETRIED}, {@link AuditStep#DEAD_LETTER_DISCARDED}) with
 * the administrator as actor, in the same transaction as the change: never the reason text.
 */
@Service
public class DeadLetters {

    /** Most deliveries one request may name. */
    public static final int MAX_ITEMS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final DeliveryWorker worker;
    private final DeliveryWakeups wakeups;
    private final Clock clock;
    private final int maxHerkansingen;
    private final DeliveryLedger ledger;
    private final Traces traces;

    DeadLetters(JdbcClient jdbc, TransactionTemplate transaction, AuditLog audit, DeliveryWorker worker,
            DeliveryWakeups wakeups, Clock clock, DeliveryProperties properties, DeliveryLedger ledger, Traces traces) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.worker = worker;
        this.wakeups = wakeups;
        this.clock = clock;
        this.maxHerkansingen = properties.maxManualRetries();
        this.ledger = ledger;
        this.traces = traces;
    }

    /** The limit of manual retries per delivery. */
    public int maxHerkansingen() {
        return maxHerkansingen;
    }

    /**
     * FAILED deliveries, newest first: the open ones, or also the discarded ones; optionally of one recipient. With,
     * for each, whether its signed copy is still kept (so it can be retried). Metadata only.
     */
    public List<DeadLetter> list(boolean inclusiefAfgevoerd, Optional<String> ontvanger, int limit) {
        java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("failed", DeliveryStatus.FAILED.name());
        StringBuilder sql = new StringBuilder("select z.bericht_id, b.bericht_type, b.afzender, z.ontvanger, z.reden, z.pogingen,"
                + " z.herkansingen, z.bijgewerkt_op, z.afgevoerd_op, z.afgevoerd_door, z.afvoer_code,"
                + " (z.ondertekend is not null and b.inhoud is not null) as kopie"
                + " from bezorging z join bericht b on b.bericht_id = z.bericht_id where z.status = :failed");
        if (!inclusiefAfgevoerd) {
            sql.append(" and z.afgevoerd_op is null");
        }
        ontvanger.ifPresent(id -> {
            sql.append(" and z.ontvanger = :ontvanger");
            args.put("ontvanger", id);
        });
        sql.append(" order by z.bijgewerkt_op desc limit :limiet");
        args.put("limiet", Math.max(1, Math.min(limit, 1000)));
        return jdbc.sql(sql.toString()).params(args).query((rs, n) -> {
            String berichtId = rs.getObject("bericht_id", UUID.class).toString();
            return new DeadLetter(berichtId, rs.getString("bericht_type"), rs.getString("afzender"), rs.getString("ontvanger"),
                    rs.getString("reden"), rs.getInt("pogingen"), rs.getInt("herkansingen"), maxHerkansingen,
                    rs.getObject("bijgewerkt_op", OffsetDateTime.class), rs.getBoolean("kopie"),
                    rs.getObject("afgevoerd_op", OffsetDateTime.class), rs.getString("afgevoerd_door"), rs.getString("afvoer_code"));
        }).list();
    }

    /** Number of open (not discarded) dead letters per recipient. */
    public java.util.Map<String, Integer> openPerRecipient() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("select ontvanger, count(*) as aantal from bezorging where status = :failed and afgevoerd_op is null"
                        + " group by ontvanger")
                .param("failed", DeliveryStatus.FAILED.name())
                .query(rs -> {
                    counts.put(rs.getString("ontvanger"), rs.getInt("aantal"));
                });
        return counts;
    }

    /**
     * Queues these FAILED deliveries again (all or nothing), as administrator {@code beheerder}. The consent check
     * runs again at delivery.
     */
    public List<Result> retry(List<Item> items, String beheerder) {
        return retry(items, beheerder, null);
    }

    /** As {@link #retry(List, String)}, with the administrator's role and network access point for the audit records. */
    public List<Result> retry(List<Item> items, String beheerder, nl.hvht.ketenpoort.audit.Toegang toegang) {
        List<Item> selection = distinct(items);
        List<Item> queued = transaction.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            List<AuditEvent> events = new ArrayList<>();
            for (Item item : selection) {
                Row row = lockOpen(item);
                if (row.herkansingen() >= maxHerkansingen) {
                    throw new Rejection(AdminCode.HERKANSING_LIMIET_BEREIKT, "Bezorging " + item.key() + " is al "
                            + row.herkansingen() + " keer opnieuw aangeboden (maximaal " + maxHerkansingen + ").");
                }
                Stored copy = stored(item).orElseThrow(() -> new Rejection(AdminCode.DODE_BRIEF_NIET_MOGELIJK,
                        "De inhoud van bezorging " + item.key() + " is niet meer bewaard."));
                int herkansing = row.herkansingen() + 1;
                // A new round of attempts, due at once: the delivery worker takes it from the ledger.
                int updated = jdbc.sql("update bezorging set status = :queued, reden = null, herkansingen = :herkansing,"
                        + " poging_sinds = null, geclaimd_tot = null, geclaimd_door = null, ronde_start = pogingen,"
                        + " volgende_poging = :nu, bijgewerkt_op = :nu"
                        + " where bericht_id = :berichtId and ontvanger = :ontvanger and status = :failed and afgevoerd_op is null")
                        .param("queued", DeliveryStatus.QUEUED.name()).param("herkansing", herkansing).param("nu", now)
                        .param("berichtId", UUID.fromString(item.berichtId())).param("ontvanger", item.ontvanger())
                        .param("failed", DeliveryStatus.FAILED.name())
                        .update();
                if (updated != 1) {
                    throw new IllegalStateException("dead letter changed under its row lock: " + item.key());
                }
                events.add(event(AuditStep.DEAD_LETTER_RETRIED, copy, item, beheerder, toegang, DeliveryStatus.QUEUED.name(),
                        "herkansing:" + herkansing + "/" + maxHerkansingen));
            }
            audit.appendInTransaction(events);
            return selection;
        });
        List<Result> results = new ArrayList<>();
        Set<String> recipients = new java.util.TreeSet<>();
        for (Item item : queued) {
            LOG.info("dead letter {} queued again by {}", item.key(), beheerder);
            traces.consoleAction(AuditStep.DEAD_LETTER_RETRIED.name(), item.berichtId(), ledger.traceOf(item.berichtId()).orElse(null));
            recipients.add(item.ontvanger());
            results.add(new Result(item.berichtId(), item.ontvanger(), "OPNIEUW_AANGEBODEN"));
        }
        recipients.forEach(worker::wake);
        wakeups.announce(recipients);
        return results;
    }

    /**
     * Discards these FAILED deliveries (all or nothing) with a reason code and a reason text, as administrator
     * {@code beheerder}: they stay FAILED and are marked discarded ({@code afgevoerd_op}), so they leave the
     * open dead letters and can no longer be retried.
     */
    public List<Result> discard(List<Item> items, DiscardCode code, String reden, String beheerder) {
        return discard(items, code, reden, beheerder, null);
    }

    /** As {@link #discard(List, DiscardCode, String, String)}, with the administrator's role and network access point. */
    public List<Result> discard(List<Item> items, DiscardCode code, String reden, String beheerder,
            nl.hvht.ketenpoort.audit.Toegang toegang) {
        List<Item> selection = distinct(items);
        transaction.executeWithoutResult(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            List<AuditEvent> events = new ArrayList<>();
            for (Item item : selection) {
                lockOpen(item);
                Stored meta = stored(item).orElseGet(() -> metadata(item));
                jdbc.sql("update bezorging set afgevoerd_op = :nu, afgevoerd_door = :beheerder, afvoer_code = :code,"
                        + " afvoer_reden = :reden, bijgewerkt_op = :nu"
                        + " where bericht_id = :berichtId and ontvanger = :ontvanger and status = :failed and afgevoerd_op is null")
                        .param("nu", now).param("beheerder", beheerder).param("code", code.name()).param("reden", reden)
                        .param("berichtId", UUID.fromString(item.berichtId())).param("ontvanger", item.ontvanger())
                        .param("failed", DeliveryStatus.FAILED.name())
                        .update();
                events.add(event(AuditStep.DEAD_LETTER_DISCARDED, meta, item, beheerder, toegang, "AFGEVOERD", code.name()));
            }
            audit.appendInTransaction(events);
        });
        List<Result> results = new ArrayList<>();
        for (Item item : selection) {
            LOG.info("dead letter {} discarded by {} ({})", item.key(), beheerder, code);
            traces.consoleAction(AuditStep.DEAD_LETTER_DISCARDED.name(), item.berichtId(), ledger.traceOf(item.berichtId()).orElse(null));
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
        Row row = jdbc.sql("select status, afgevoerd_op, herkansingen, grondslag from bezorging"
                        + " where bericht_id = :berichtId and ontvanger = :ontvanger for update")
                .param("berichtId", UUID.fromString(item.berichtId())).param("ontvanger", item.ontvanger())
                .query((rs, n) -> new Row(rs.getString("status"), rs.getObject("afgevoerd_op", OffsetDateTime.class) != null,
                        rs.getInt("herkansingen"), rs.getString("grondslag")))
                .optional().orElse(null);
        if (row == null) {
            throw new Rejection(AdminCode.DODE_BRIEF_NIET_MOGELIJK, "Onbekende bezorging " + item.key() + ".");
        }
        if (!DeliveryStatus.FAILED.name().equals(row.status()) || row.afgevoerd()) {
            throw new Rejection(AdminCode.DODE_BRIEF_NIET_MOGELIJK, "Bezorging " + item.key() + " is geen open dode brief ("
                    + (row.afgevoerd() ? "afgevoerd" : row.status()) + ").");
        }
        return row;
    }

    private Optional<Stored> stored(Item item) {
        return jdbc.sql("select b.bericht_type, b.afzender, b.doel, b.categorieen, b.trace_id, b.deelnemer_pseudoniem, z.ondertekend"
                        + " from bericht b join bezorging z on z.bericht_id = b.bericht_id"
                        + " where b.bericht_id = :berichtId and z.ontvanger = :ontvanger and b.inhoud is not null"
                        + " and z.ondertekend is not null")
                .param("berichtId", UUID.fromString(item.berichtId())).param("ontvanger", item.ontvanger())
                .query((rs, n) -> new Stored(rs.getString("bericht_type"), rs.getString("afzender"), rs.getString("doel"),
                        categories(rs.getString("categorieen")), rs.getString("trace_id"), rs.getString("deelnemer_pseudoniem"),
                        rs.getBytes("ondertekend")))
                .optional();
    }

    private Stored metadata(Item item) {
        return jdbc.sql("select bericht_type, afzender, doel, categorieen, trace_id, deelnemer_pseudoniem from bericht"
                        + " where bericht_id = :berichtId")
                .param("berichtId", UUID.fromString(item.berichtId()))
                .query((rs, n) -> new Stored(rs.getString("bericht_type"), rs.getString("afzender"), rs.getString("doel"),
                        categories(rs.getString("categorieen")), rs.getString("trace_id"), rs.getString("deelnemer_pseudoniem"), null))
                .single();
    }

    private static AuditEvent event(AuditStep step, Stored meta, Item item, String beheerder, nl.hvht.ketenpoort.audit.Toegang toegang,
            String outcome, String reason) {
        return new AuditEvent(MDC.get("traceId"), step, item.berichtId(), meta.berichtType(), "beheerder:" + beheerder,
                item.ontvanger(), meta.deelnemerPseudoniem(), meta.categories(), outcome, reason)
                .voorDoel("beheer").door(toegang);
    }

    private static Set<Categorie> categories(String codes) {
        Set<Categorie> categories = EnumSet.noneOf(Categorie.class);
        if (codes != null && !codes.isEmpty()) {
            Arrays.stream(codes.split(",")).forEach(code -> Categorie.fromCode(code).ifPresent(categories::add));
        }
        return categories;
    }

    private record Row(String status, boolean afgevoerd, int herkansingen, String grondslag) {
    }

    private record Stored(String berichtType, String afzender, String doel, Set<Categorie> categories, String traceId,
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
     * limit), last change, whether its signed copy is still kept ({@code opDlq}: it can be retried), and if discarded by whom, when and the code.
     * Never content, never the participant, never the discard reason text.
     */
    public record DeadLetter(String berichtId, String berichtType, String afzender, String ontvanger, String reden, int pogingen,
            int herkansingen, int maxHerkansingen, OffsetDateTime bijgewerktOp, boolean opDlq, OffsetDateTime afgevoerdOp,
            String afgevoerdDoor, String afvoerCode) {
    }
}
