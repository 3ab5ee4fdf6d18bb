package nl.hvht.ketenpoort.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.BerichtEnvelop;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.consent.AttemptsUnderWay;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.Grondslag;
import nl.hvht.ketenpoort.trace.StoredTrace;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The message ledger, the single source of truth of the gateway: each message once ({@code bericht}), with per
 * recipient its delivery ({@code bezorging}): status, the signed copy, the grounds it goes out on, and its place in the
 * delivery queue (when the next attempt is due, and the lease of an attempt under way). Status only moves forward: a
 * DELIVERED, WITHHELD or FAILED row is never changed back by a late outcome. Every write here joins the caller's
 * transaction: the intake committer and the delivery worker each write many rows in one commit. Data access:
 * {@link JdbcClient} with named parameters; the batch statements (one per kind of row) on
 * {@link NamedParameterJdbcTemplate#batchUpdate}, with named parameters too (JdbcClient has no batch). Status words
 * are bound from {@link DeliveryStatus}, never written into the SQL.
 */
@Component
public class DeliveryLedger implements AttemptsUnderWay {

    /**
     * Not settled yet. Written into the SQL from {@link DeliveryStatus}, not bound: it is the predicate of the partial
     * index {@code bezorging_te_bezorgen_ix} (V13), which PostgreSQL uses only when it can read the predicate from the
     * query text, also in a cached generic plan.
     */
    static final String UNSETTLED = "status in ('" + DeliveryStatus.ACCEPTED.name() + "', '" + DeliveryStatus.QUEUED.name() + "')";

    /** The claim (see {@link #claim}): due, unsettled rows of one recipient without a live lease, oldest due first. */
    private static final String CLAIM = """
                with due as (
                    select bericht_id, ontvanger, geclaimd_tot is not null as herhaling from bezorging
                     where ontvanger = :ontvanger and %s and volgende_poging <= :nu
                       and (geclaimd_tot is null or geclaimd_tot < :nu)
                     order by volgende_poging limit :limiet for update skip locked)
                update bezorging z set status = :queued, pogingen = z.pogingen + 1, poging_sinds = :nu, geclaimd_tot = :leaseTot,
                       geclaimd_door = :node, bijgewerkt_op = :nu
                  from due, bericht b
                 where z.bericht_id = due.bericht_id and z.ontvanger = due.ontvanger and b.bericht_id = z.bericht_id
                returning z.bericht_id, z.ontvanger, b.bericht_type, b.afzender, b.deelnemer_id, b.doel, b.categorieen,
                       b.trace_id, b.traceparent, b.tracestate, b.ontvangen_op, z.ondertekend, z.rollen, z.grondslag, z.ingehouden, z.pogingen,
                       z.ronde_start, due.herhaling
                """.formatted(UNSETTLED);

    private final JdbcClient jdbc;
    /** For the batch statements only. */
    private final NamedParameterJdbcTemplate batch;
    private final Clock clock;

    DeliveryLedger(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    @Override
    public boolean any(String deelnemer, Instant since) {
        return jdbc.sql("select count(*) from bezorging z join bericht b on b.bericht_id = z.bericht_id"
                        + " where b.deelnemer_id = :deelnemer and z.poging_sinds >= :sinds and z." + UNSETTLED)
                .param("deelnemer", deelnemer).param("sinds", Timestamp.from(since))
                .query(Integer.class).single() > 0;
    }

    /** SHA-256 of the body stored for this berichtId, if the message is known. */
    public Optional<String> digestOf(String berichtId) {
        return jdbc.sql("select inhoud_sha256 from bericht where bericht_id = :berichtId").param("berichtId", UUID.fromString(berichtId))
                .query(String.class).optional();
    }

    /** SHA-256 of the stored body per known berichtId among these (one query). */
    Map<String, String> digestsOf(Collection<String> berichtIds) {
        Map<String, String> digests = new HashMap<>();
        if (berichtIds.isEmpty()) {
            return digests;
        }
        jdbc.sql("select bericht_id, inhoud_sha256 from bericht where bericht_id = any(:ids)")
                .param("ids", berichtIds.stream().map(UUID::fromString).toArray(UUID[]::new))
                .query(rs -> {
                    digests.put(rs.getObject("bericht_id", UUID.class).toString(), rs.getString("inhoud_sha256"));
                });
        return digests;
    }

    /**
     * Stores new messages with one row per recipient, two batch statements for all of them: QUEUED and due at once
     * where consent allowed it, WITHHELD with the reason where not. Throws {@code DuplicateKeyException} if a
     * berichtId was stored meanwhile (by another node).
     */
    void insertAll(List<NewMessage> messages, Instant now) {
        Timestamp at = Timestamp.from(now);
        List<MapSqlParameterSource> berichten = new ArrayList<>(messages.size());
        List<MapSqlParameterSource> bezorgingen = new ArrayList<>();
        for (NewMessage message : messages) {
            BerichtEnvelop envelope = message.envelope();
            UUID id = UUID.fromString(envelope.berichtId());
            berichten.add(new MapSqlParameterSource("berichtId", id).addValue("type", envelope.berichtType())
                    .addValue("afzender", envelope.afzender()).addValue("deelnemer", envelope.deelnemer())
                    .addValue("pseudoniem", message.deelnemerPseudoniem()).addValue("doel", envelope.doel())
                    .addValue("categorieen", codes(message.categories())).addValue("sha256", message.sha256())
                    .addValue("inhoud", message.body()).addValue("traceId", message.traceId()).addValue("ontvangenOp", at)
                    .addValue("verwerking", message.verwerking())
                    .addValue("antwoordOp", message.antwoordOp() == null ? null : UUID.fromString(message.antwoordOp()))
                    .addValue("traceparent", message.trace() == null ? null : message.trace().traceparent())
                    .addValue("tracestate", message.trace() == null ? null : message.trace().tracestate())
                    .addValue("retourOpen", message.retourOpen() ? Boolean.TRUE : null)
                    .addValue("retourVoor", message.retourVoor() == null ? null : UUID.fromString(message.retourVoor())));
            for (Map.Entry<String, ConsentDecision> entry : message.decisions().entrySet()) {
                ConsentDecision decision = entry.getValue();
                var first = decision.firstConsent();
                bezorgingen.add(new MapSqlParameterSource("berichtId", id).addValue("ontvanger", entry.getKey())
                        .addValue("status", (decision.allowed() ? DeliveryStatus.QUEUED : DeliveryStatus.WITHHELD).name())
                        .addValue("reden", decision.allowed() ? null : decision.reason().name())
                        .addValue("verklaringId", first.map(Grondslag::id).orElse(null))
                        .addValue("verklaringVersie", first.map(Grondslag::versie).orElse(null))
                        .addValue("grondslag", decision.allowed() ? decision.ground() : null)
                        .addValue("ingehouden", decision.withheldCodes())
                        .addValue("rollen", String.join(",", message.roles().getOrDefault(entry.getKey(), Set.of())))
                        .addValue("ondertekend", message.signed().get(entry.getKey())).addValue("bijgewerktOp", at)
                        .addValue("volgendePoging", decision.allowed() ? at : null));
            }
        }
        batch.batchUpdate("insert into bericht (bericht_id, bericht_type, afzender, deelnemer_id, deelnemer_pseudoniem, doel,"
                + " categorieen, inhoud_sha256, inhoud, trace_id, ontvangen_op, verwerking, antwoord_op, traceparent, tracestate,"
                + " retour_open, retour_voor) values (:berichtId, :type, :afzender, :deelnemer, :pseudoniem, :doel, :categorieen,"
                + " :sha256, :inhoud, :traceId, :ontvangenOp, :verwerking, :antwoordOp, :traceparent, :tracestate, :retourOpen,"
                + " :retourVoor)", berichten.toArray(MapSqlParameterSource[]::new));
        if (!bezorgingen.isEmpty()) {
            batch.batchUpdate("insert into bezorging (bericht_id, ontvanger, status, reden, verklaring_id, verklaring_versie,"
                    + " grondslag, ingehouden, rollen, ondertekend, pogingen, bijgewerkt_op, volgende_poging)"
                    + " values (:berichtId, :ontvanger, :status, :reden, :verklaringId, :verklaringVersie, :grondslag, :ingehouden,"
                    + " :rollen, :ondertekend, 0, :bijgewerktOp, :volgendePoging)", bezorgingen.toArray(MapSqlParameterSource[]::new));
        }
    }

    /**
     * The status for the sender: per recipient, and the thread: what the message answers ({@code antwoordOp}, for an
     * answer) and the answers to it ({@code antwoorden}, each with the status of its delivery to this message's sender).
     */
    public Optional<BerichtStatus> statusOf(String berichtId) {
        UUID id = UUID.fromString(berichtId);
        Optional<BerichtStatus> found = jdbc.sql(
                        "select b.bericht_type, b.afzender, b.ontvangen_op, b.verwerking, b.antwoord_op, v.bericht_type as vraag_type"
                                + " from bericht b left join bericht v on v.bericht_id = b.antwoord_op where b.bericht_id = :berichtId")
                .param("berichtId", id)
                .query((rs, n) -> new BerichtStatus(berichtId, rs.getString("bericht_type"), rs.getString("afzender"),
                        rs.getObject("ontvangen_op", OffsetDateTime.class), rs.getString("verwerking"), List.of(),
                        rs.getObject("antwoord_op") == null ? null : new BerichtStatus.Vraag(
                                rs.getObject("antwoord_op", UUID.class).toString(), rs.getString("vraag_type")),
                        List.of()))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BerichtStatus header = found.get();
        List<BerichtStatus.Ontvanger> recipients = jdbc.sql(
                        "select z.ontvanger, z.status, z.reden, z.pogingen, z.bijgewerkt_op, z.ingehouden,"
                                + " exists (select 1 from ontvangstbewijs o where o.bericht_id = z.bericht_id and o.ontvanger = z.ontvanger)"
                                + " as bewijs from bezorging z where z.bericht_id = :berichtId order by z.ontvanger")
                .param("berichtId", id)
                .query((rs, n) -> new BerichtStatus.Ontvanger(rs.getString("ontvanger"), DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getString("reden"), split(rs.getString("ingehouden")).stream().sorted().toList(), rs.getInt("pogingen"),
                        rs.getObject("bijgewerkt_op", OffsetDateTime.class), rs.getBoolean("bewijs")))
                .list();
        List<BerichtStatus.Antwoord> answers = answersTo(id, header.afzender()).stream()
                .map(a -> new BerichtStatus.Antwoord(a.berichtId(), a.berichtType(), a.afzender(), a.ontvangen(), a.status()))
                .toList();
        return Optional.of(new BerichtStatus(berichtId, header.berichtType(), header.afzender(), header.ontvangen(),
                header.verwerking(), recipients, header.antwoordOp(), answers));
    }

    /**
     * What an answer needs to know about the message its correlatieId names (routing.AnswerStep): its type, its sender,
     * its participant and the status of its delivery to the answering partner (null: the message never had that
     * partner as recipient). Empty when no message has this id.
     */
    public Optional<Vraag> question(String berichtId, String answeringPartner) {
        return jdbc.sql("select b.bericht_type, b.afzender, b.deelnemer_id, z.status from bericht b"
                        + " left join bezorging z on z.bericht_id = b.bericht_id and z.ontvanger = :antwoorder where b.bericht_id = :berichtId")
                .param("antwoorder", answeringPartner).param("berichtId", UUID.fromString(berichtId))
                .query((rs, n) -> new Vraag(berichtId, rs.getString("bericht_type"), rs.getString("afzender"),
                        rs.getString("deelnemer_id"), status(rs.getString("status"))))
                .optional();
    }

    /**
     * The thread a message belongs to, for the console: the question (the message itself, or the one it answers) and
     * every answer to it, oldest first, each with the status of its delivery to the question's sender. Empty when the
     * message is unknown; a message that is no answer and has none is a thread of one.
     */
    public Optional<Draad> threadOf(String berichtId) {
        UUID id = UUID.fromString(berichtId);
        Optional<UUID> questionId = jdbc.sql("select coalesce(antwoord_op, bericht_id) as vraag from bericht where bericht_id = :berichtId")
                .param("berichtId", id).query((rs, n) -> rs.getObject("vraag", UUID.class)).optional();
        return questionId.flatMap(q -> jdbc.sql("select bericht_type, afzender, ontvangen_op from bericht where bericht_id = :berichtId")
                .param("berichtId", q)
                .query((rs, n) -> new Draad.Bericht(q.toString(), rs.getString("bericht_type"), rs.getString("afzender"),
                        rs.getObject("ontvangen_op", OffsetDateTime.class), null))
                .optional()
                .map(question -> new Draad(question, answersTo(q, question.afzender()))));
    }

    /** The answers to a question, oldest first, with the status of each one's delivery to the question's sender. */
    private List<Draad.Bericht> answersTo(UUID question, String questionSender) {
        return jdbc.sql("select b.bericht_id, b.bericht_type, b.afzender, b.ontvangen_op, z.status from bericht b"
                        + " left join bezorging z on z.bericht_id = b.bericht_id and z.ontvanger = :vraagsteller"
                        + " where b.antwoord_op = :vraag order by b.ontvangen_op, b.bericht_id")
                .param("vraagsteller", questionSender).param("vraag", question)
                .query((rs, n) -> new Draad.Bericht(rs.getObject("bericht_id", UUID.class).toString(), rs.getString("bericht_type"),
                        rs.getString("afzender"), rs.getObject("ontvangen_op", OffsetDateTime.class), status(rs.getString("status"))))
                .list();
    }

    /** The status of one recipient's delivery, if it exists. */
    public Optional<DeliveryStatus> statusOf(String berichtId, String ontvanger) {
        return jdbc.sql("select status from bezorging where bericht_id = :berichtId and ontvanger = :ontvanger")
                .param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger)
                .query((rs, n) -> DeliveryStatus.valueOf(rs.getString("status"))).optional();
    }

    /** The W3C trace context stored with a message (empty if unknown or stored before tracing). */
    public Optional<StoredTrace> traceOf(String berichtId) {
        return jdbc.sql("select traceparent, tracestate from bericht where bericht_id = :berichtId")
                .param("berichtId", UUID.fromString(berichtId))
                .query((rs, n) -> Optional.ofNullable(StoredTrace.of(rs.getString("traceparent"), rs.getString("tracestate"))))
                .optional().flatMap(trace -> trace);
    }

    /** The validated body of a message as received (empty once removed by retention). */
    Optional<byte[]> body(String berichtId) {
        return jdbc.sql("select inhoud from bericht where bericht_id = :berichtId and inhoud is not null")
                .param("berichtId", UUID.fromString(berichtId)).query((rs, n) -> rs.getBytes("inhoud")).optional();
    }

    /**
     * Claims up to {@code limit} due deliveries of one recipient for one attempt each, in one conditional update:
     * only unsettled rows that are due and hold no live lease, skipping rows another transaction has locked. Each
     * claimed row counts the attempt, notes it as under way (a revocation waits for it) and gets a lease until
     * {@code leaseUntil}. A row whose earlier lease ran out without an outcome is a {@link Claimed#repeat() repeat}:
     * an attempt whose outcome a crash lost.
     */
    List<Claimed> claim(String ontvanger, String node, Instant now, Instant leaseUntil, int limit) {
        Timestamp at = Timestamp.from(now);
        return jdbc.sql(CLAIM)
                .param("ontvanger", ontvanger).param("queued", DeliveryStatus.QUEUED.name()).param("nu", at).param("limiet", limit)
                .param("leaseTot", Timestamp.from(leaseUntil))
                .param("node", node)
                .query(DeliveryLedger::claimed).list();
    }

    private static Claimed claimed(ResultSet rs, int n) throws SQLException {
        DeliveryJob job = new DeliveryJob(rs.getObject("bericht_id", UUID.class).toString(), rs.getString("bericht_type"),
                rs.getString("afzender"), rs.getString("ontvanger"), rs.getString("deelnemer_id"), rs.getString("doel"),
                Categorie.parseCodes(rs.getString("categorieen")), rs.getString("trace_id"),
                StoredTrace.of(rs.getString("traceparent"), rs.getString("tracestate")), rs.getBytes("ondertekend"));
        return new Claimed(job, split(rs.getString("rollen")), rs.getString("grondslag"),
                rs.getString("ingehouden") == null ? "" : rs.getString("ingehouden"), rs.getInt("pogingen"),
                rs.getInt("ronde_start"), rs.getBoolean("herhaling"), rs.getObject("ontvangen_op", OffsetDateTime.class).toInstant());
    }

    /**
     * Ends the leases this node held before it restarted: their attempts' outcomes are unknown, so they are due again
     * at once (as repeats, with the same Idempotency-Key). Returns how many.
     */
    int releaseLeasesOf(String node, Instant now) {
        return jdbc.sql("update bezorging set geclaimd_tot = :nu, volgende_poging = :nu where geclaimd_door = :node"
                        + " and geclaimd_tot > :nu and " + UNSETTLED)
                .param("nu", Timestamp.from(now)).param("node", node).update();
    }

    /**
     * A new copy for a delivery whose consent decision changed since it was cut (another version, other categories
     * withheld, another encryption form): the copy and the decision it was made under.
     */
    void replaceCopy(String berichtId, String ontvanger, byte[] signed, ConsentDecision decision) {
        var first = decision.firstConsent();
        jdbc.sql("update bezorging set ondertekend = :kopie, grondslag = :grondslag, ingehouden = :ingehouden,"
                        + " verklaring_id = :verklaringId, verklaring_versie = :verklaringVersie"
                        + " where bericht_id = :berichtId and ontvanger = :ontvanger")
                .param("kopie", signed).param("grondslag", decision.ground()).param("ingehouden", decision.withheldCodes())
                .param("verklaringId", first.map(Grondslag::id).orElse(null)).param("verklaringVersie", first.map(Grondslag::versie).orElse(null))
                .param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger)
                .update();
    }

    /**
     * Outcomes of attempts (and of checks before them), one batch statement per kind. An outcome with a {@link Lease}
     * is fenced: it applies only while the row is still held by that claim (same node, same attempt count). A node whose
     * lease ran out while its POST was under way may find the delivery claimed again by a newer attempt (its own or
     * another node's); its late RETRY or FAILED must not clear that claim or end the delivery under it. A late DELIVERED
     * applies (the partner has the message), and a settled row is never changed.
     *
     * @return per outcome, in order, whether it was applied (false: the row was settled already, or claimed again)
     */
    boolean[] settle(List<Outcome> outcomes, Instant now) {
        Timestamp at = Timestamp.from(now);
        String row = " where bericht_id = :berichtId and ontvanger = :ontvanger and " + UNSETTLED;
        String fence = " and geclaimd_door = :node and pogingen = :pogingen";
        String move = "update bezorging set status = :status, reden = :reden, poging_sinds = null, geclaimd_tot = null,"
                + " geclaimd_door = null, volgende_poging = null, bijgewerkt_op = :nu" + row;
        String retry = "update bezorging set reden = :reden, poging_sinds = null, geclaimd_tot = null, geclaimd_door = null,"
                + " bijgewerkt_op = :nu, volgende_poging = :due" + row;
        String unclaim = "update bezorging set pogingen = pogingen - 1, poging_sinds = null, geclaimd_tot = null,"
                + " geclaimd_door = null, bijgewerkt_op = :nu, volgende_poging = :due" + row;
        Map<String, List<Integer>> indexes = new LinkedHashMap<>();
        Map<String, List<MapSqlParameterSource>> statements = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            MapSqlParameterSource params = new MapSqlParameterSource("berichtId", UUID.fromString(o.berichtId()))
                    .addValue("ontvanger", o.ontvanger()).addValue("nu", at);
            String sql = switch (o.kind()) {
                case DELIVERED, WITHHELD, FAILED -> {
                    params.addValue("status", o.kind().status().name()).addValue("reden", o.reden());
                    yield move;
                }
                case RETRY -> {
                    params.addValue("reden", o.reden()).addValue("due", Timestamp.from(o.due()));
                    yield retry;
                }
                case NOT_ATTEMPTED -> {
                    params.addValue("due", Timestamp.from(o.due()));
                    yield unclaim;
                }
            };
            if (o.lease() != null) {
                sql += fence;
                params.addValue("node", o.lease().node()).addValue("pogingen", o.lease().pogingen());
            }
            statements.computeIfAbsent(sql, k -> new ArrayList<>()).add(params);
            indexes.computeIfAbsent(sql, k -> new ArrayList<>()).add(i);
        }
        boolean[] applied = new boolean[outcomes.size()];
        statements.forEach((sql, rows) -> {
            int[] counts = batch.batchUpdate(sql, rows.toArray(MapSqlParameterSource[]::new));
            List<Integer> at2 = indexes.get(sql);
            for (int j = 0; j < counts.length; j++) {
                applied[at2.get(j)] = counts[j] != 0; // SUCCESS_NO_INFO (-2) counts as applied
            }
        });
        return applied;
    }

    // ---- the mailbox (postbus) of a partner that collects its copies: its unsettled deliveries ----------------

    /**
     * A page of a partner's mailbox: its unsettled deliveries, oldest available first ({@code volgende_poging}, then
     * berichtId), after the given position (null: from the start).
     */
    List<Waiting> mailbox(String ontvanger, Waiting after, int limit) {
        String select = "select z.bericht_id, b.bericht_type, b.afzender, z.volgende_poging from bezorging z"
                + " join bericht b on b.bericht_id = z.bericht_id where z.ontvanger = :ontvanger and z." + UNSETTLED
                + " and z.volgende_poging is not null";
        RowMapper<Waiting> row = (rs, n) -> new Waiting(rs.getObject("bericht_id", UUID.class).toString(),
                rs.getString("bericht_type"), rs.getString("afzender"),
                rs.getObject("volgende_poging", OffsetDateTime.class).toInstant());
        if (after == null) {
            return jdbc.sql(select + " order by z.volgende_poging, z.bericht_id limit :limiet")
                    .param("ontvanger", ontvanger).param("limiet", limit).query(row).list();
        }
        return jdbc.sql(select + " and (z.volgende_poging, z.bericht_id) > (:naMoment, :naBericht)"
                        + " order by z.volgende_poging, z.bericht_id limit :limiet")
                .param("ontvanger", ontvanger).param("naMoment", Timestamp.from(after.aangeboden()))
                .param("naBericht", UUID.fromString(after.berichtId())).param("limiet", limit)
                .query(row).list();
    }

    /**
     * One delivery of a mailbox, locked for the caller's transaction (a concurrent fetch or acknowledgement of the same
     * copy waits): the job as a claim would take it, its status and reason, and when it was last fetched.
     */
    Optional<MailboxCopy> mailboxCopy(String berichtId, String ontvanger) {
        return jdbc.sql("""
                select z.bericht_id, z.ontvanger, b.bericht_type, b.afzender, b.deelnemer_id, b.doel, b.categorieen,
                       b.trace_id, b.traceparent, b.tracestate, b.ontvangen_op, z.ondertekend, z.rollen, z.grondslag, z.ingehouden,
                       z.pogingen, z.ronde_start, false as herhaling, z.status, z.reden, z.opgehaald_op
                  from bezorging z join bericht b on b.bericht_id = z.bericht_id
                 where z.bericht_id = :berichtId and z.ontvanger = :ontvanger for update of z
                """)
                .param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger)
                .query((rs, n) -> new MailboxCopy(claimed(rs, n), DeliveryStatus.valueOf(rs.getString("status")), rs.getString("reden"),
                        rs.getObject("opgehaald_op") == null ? null : rs.getObject("opgehaald_op", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * A fetch of a mailbox copy begins: it counts as an attempt and is under way from {@code now} (a revocation waits for
     * it, {@link #any}) until {@link #fetchEnded}. Only an unsettled delivery; false when it is not.
     */
    boolean fetchBegins(String berichtId, String ontvanger, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.sql("update bezorging set status = :queued, pogingen = pogingen + 1, poging_sinds = :nu,"
                        + " bijgewerkt_op = :nu where bericht_id = :berichtId and ontvanger = :ontvanger and " + UNSETTLED)
                .param("queued", DeliveryStatus.QUEUED.name()).param("nu", at).param("berichtId", UUID.fromString(berichtId))
                .param("ontvanger", ontvanger)
                .update() == 1;
    }

    /** A fetch whose consent check could not be taken: it does not count (fail closed, nothing was handed over). */
    void fetchNotAttempted(String berichtId, String ontvanger) {
        jdbc.sql("update bezorging set pogingen = pogingen - 1, poging_sinds = null"
                        + " where bericht_id = :berichtId and ontvanger = :ontvanger and " + UNSETTLED)
                .param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger)
                .update();
    }

    /**
     * A fetch that began at {@code began} ended: no longer under way (unless a later fetch of the same copy is); when its
     * bytes were written ({@code handedOver}) the copy counts as fetched from then on.
     */
    void fetchEnded(String berichtId, String ontvanger, Instant began, boolean handedOver, Instant now) {
        Timestamp since = Timestamp.from(began);
        if (handedOver) {
            jdbc.sql("update bezorging set opgehaald_op = :nu,"
                            + " poging_sinds = case when poging_sinds = :sinds then null else poging_sinds end"
                            + " where bericht_id = :berichtId and ontvanger = :ontvanger and " + UNSETTLED)
                    .param("nu", Timestamp.from(now)).param("sinds", since).param("berichtId", UUID.fromString(berichtId))
                    .param("ontvanger", ontvanger)
                    .update();
        } else {
            jdbc.sql("update bezorging set poging_sinds = null"
                            + " where bericht_id = :berichtId and ontvanger = :ontvanger and poging_sinds = :sinds")
                    .param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger).param("sinds", since)
                    .update();
        }
    }

    /** A copy in a mailbox, as listed: ids, type, sender, and since when it is available. */
    record Waiting(String berichtId, String berichtType, String afzender, Instant aangeboden) {
    }

    /** A mailbox delivery as a fetch or an acknowledgement finds it (locked). */
    record MailboxCopy(Claimed claimed, DeliveryStatus status, String reden, Instant opgehaald) {
    }

    /** Per recipient: deliveries not settled yet (the ledger's delivery queue). */
    public Map<String, Integer> backlogPerRecipient() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("select ontvanger, count(*) as n from bezorging where " + UNSETTLED + " group by ontvanger")
                .query(rs -> {
                    counts.put(rs.getString("ontvanger"), rs.getInt("n"));
                });
        return counts;
    }

    private static DeliveryStatus status(String status) {
        return status == null ? null : DeliveryStatus.valueOf(status);
    }

    static Set<String> split(String codes) {
        return codes == null || codes.isEmpty() ? Set.of() : Set.of(codes.split(","));
    }

    private static String codes(Set<Categorie> categories) {
        TreeSet<String> codes = new TreeSet<>();
        categories.forEach(c -> codes.add(c.code()));
        return String.join(",", codes);
    }

    /**
     * A delivery claimed for one attempt: the job, the roles the message gives the recipient, the grounds and withheld
     * categories its stored copy was made under, the attempt count (this one included) and where the current round
     * began, whether it repeats an attempt whose outcome was lost, and when the message was received.
     */
    record Claimed(DeliveryJob job, Set<String> rollen, String grondslag, String ingehouden, int pogingen, int rondeStart,
            boolean repeat, Instant ontvangen) {

        /** Attempts in the current round, this one included. */
        int attemptOfRound() {
            return pogingen - rondeStart;
        }

        @Override
        public String toString() {
            return "Claimed[" + job.key() + ", attempt " + pogingen + (repeat ? ", repeat" : "") + "]";
        }
    }

    /** What became of a claimed delivery. */
    record Outcome(String berichtId, String ontvanger, Kind kind, String reden, Instant due, Lease lease) {

        /** An outcome that applies whoever holds the row (decided in the claim's own transaction, or a mailbox's). */
        Outcome(String berichtId, String ontvanger, Kind kind, String reden, Instant due) {
            this(berichtId, ontvanger, kind, reden, due, null);
        }

        /** The claim an attempt's outcome belongs to: the node on its lease and the attempt count it claimed with. */
        record Lease(String node, int pogingen) {
        }

        enum Kind {
            DELIVERED(DeliveryStatus.DELIVERED), WITHHELD(DeliveryStatus.WITHHELD), FAILED(DeliveryStatus.FAILED),
            /** Failed, due again at {@code due}. */
            RETRY(DeliveryStatus.QUEUED),
            /** Not attempted (the consent check could not be taken): the attempt does not count, due again at {@code due}. */
            NOT_ATTEMPTED(DeliveryStatus.QUEUED);

            private final DeliveryStatus status;

            Kind(DeliveryStatus status) {
                this.status = status;
            }

            DeliveryStatus status() {
                return status;
            }
        }
    }

    /**
     * A message to store.
     *
     * @param envelope            its envelope
     * @param deelnemerPseudoniem pseudonym of the participant
     * @param categories          data categories in it
     * @param sha256              hex SHA-256 of the body (detects a reused berichtId with other content)
     * @param body                the validated bytes
     * @param traceId             trace id of the request
     * @param trace               W3C context of the intake span, or null
     * @param decisions           consent decision per recipient
     * @param signed              signed copy per allowed recipient
     * @param roles               roles the message gives each recipient
     * @param verwerking          what the gateway did with a message addressed to itself, or null
     * @param antwoordOp          berichtId of the message this answer answers (checked by the answer step), or null
     * @param retourOpen          the sender wants a Retourbericht for it once every recipient has settled
     *                            ({@link Retourberichten})
     * @param retourVoor          for the gateway's own Retourbericht: the berichtId it reports on (unique), else null
     */
    public record NewMessage(BerichtEnvelop envelope, String deelnemerPseudoniem, Set<Categorie> categories,
            String sha256, byte[] body, String traceId, StoredTrace trace, Map<String, ConsentDecision> decisions, Map<String, byte[]> signed,
            Map<String, Set<String>> roles, String verwerking, String antwoordOp, boolean retourOpen, String retourVoor) {
    }

    /**
     * The message an answer's correlatieId names, as the answer step needs it.
     *
     * @param berichtId   its id
     * @param berichtType its type
     * @param afzender    its sender: the answer's recipient
     * @param deelnemer   its participant (personal data: never logged, not in {@link #toString()})
     * @param statusVoorAntwoorder the status of its delivery to the answering partner; null if it was never a recipient
     */
    public record Vraag(String berichtId, String berichtType, String afzender, String deelnemer, DeliveryStatus statusVoorAntwoorder) {

        /** True if the message reached the answering partner. */
        public boolean deliveredToAnswerer() {
            return statusVoorAntwoorder == DeliveryStatus.DELIVERED;
        }

        @Override
        public String toString() {
            return "Vraag[" + berichtId + ", " + berichtType + ", afzender=" + afzender + ", " + statusVoorAntwoorder + "]";
        }
    }
}
