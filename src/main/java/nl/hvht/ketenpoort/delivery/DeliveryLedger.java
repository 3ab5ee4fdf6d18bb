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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DataCategory;
import nl.hvht.ketenpoort.bericht.Envelope;
import nl.hvht.ketenpoort.consent.AttemptsUnderWay;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.Grondslag;
import nl.hvht.ketenpoort.trace.StoredTrace;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The message ledger, the single source of truth of the gateway: each message once ({@code bericht}), with per
 * recipient its delivery ({@code bezorging}): status, the signed copy, the grounds it goes out on, and its place in the
 * delivery queue (when the next attempt is due, and the lease of an attempt under way). Status only moves forward: a
 * DELIVERED, WITHHELD or FAILED row is never changed back by a late outcome. Every write here joins the caller's
 * transaction: the intake committer and the delivery worker each write many rows in one commit.
 */
@Component
public class DeliveryLedger implements AttemptsUnderWay {

    private static final String UNSETTLED = "status in ('ACCEPTED','QUEUED')";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeliveryLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean any(String deelnemer, Instant since) {
        Integer count = jdbc.queryForObject("select count(*) from bezorging z join bericht b on b.bericht_id = z.bericht_id"
                + " where b.deelnemer_id = ? and z.poging_sinds >= ? and z." + UNSETTLED, Integer.class, deelnemer,
                Timestamp.from(since));
        return count != null && count > 0;
    }

    /** SHA-256 of the body stored for this berichtId, if the message is known. */
    public Optional<String> digestOf(String berichtId) {
        return jdbc.query("select inhoud_sha256 from bericht where bericht_id = ?",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty(), UUID.fromString(berichtId));
    }

    /** SHA-256 of the stored body per known berichtId among these (one query). */
    Map<String, String> digestsOf(Collection<String> berichtIds) {
        Map<String, String> digests = new HashMap<>();
        if (berichtIds.isEmpty()) {
            return digests;
        }
        jdbc.query("select bericht_id, inhoud_sha256 from bericht where bericht_id = any(?)",
                rs -> {
                    digests.put(rs.getObject(1, UUID.class).toString(), rs.getString(2));
                }, (Object) berichtIds.stream().map(UUID::fromString).toArray(UUID[]::new));
        return digests;
    }

    /**
     * Stores new messages with one row per recipient, two batch statements for all of them: QUEUED and due at once
     * where consent allowed it, WITHHELD with the reason where not. Throws {@code DuplicateKeyException} if a
     * berichtId was stored meanwhile (by another node).
     */
    void insertAll(List<NewMessage> messages, Instant now) {
        Timestamp at = Timestamp.from(now);
        List<Object[]> berichten = new ArrayList<>(messages.size());
        List<Object[]> bezorgingen = new ArrayList<>();
        for (NewMessage message : messages) {
            Envelope envelope = message.envelope();
            UUID id = UUID.fromString(envelope.berichtId());
            berichten.add(new Object[] {id, envelope.berichtType(), envelope.afzender(), envelope.deelnemer(),
                    message.deelnemerPseudoniem(), envelope.doel(), codes(message.categories()), message.sha256(), message.body(),
                    message.traceId(), at, message.verwerking(),
                    message.antwoordOp() == null ? null : UUID.fromString(message.antwoordOp()),
                    message.trace() == null ? null : message.trace().traceparent(),
                    message.trace() == null ? null : message.trace().tracestate(),
                    message.retourOpen() ? Boolean.TRUE : null,
                    message.retourVoor() == null ? null : UUID.fromString(message.retourVoor())});
            for (Map.Entry<String, ConsentDecision> entry : message.decisions().entrySet()) {
                ConsentDecision decision = entry.getValue();
                var first = decision.firstConsent();
                bezorgingen.add(new Object[] {id, entry.getKey(),
                        (decision.allowed() ? DeliveryStatus.QUEUED : DeliveryStatus.WITHHELD).name(),
                        decision.allowed() ? null : decision.reason().name(), first.map(Grondslag::id).orElse(null),
                        first.map(Grondslag::versie).orElse(null), decision.allowed() ? decision.ground() : null,
                        decision.withheldCodes(), String.join(",", message.roles().getOrDefault(entry.getKey(), Set.of())),
                        message.signed().get(entry.getKey()), at, decision.allowed() ? at : null});
            }
        }
        jdbc.batchUpdate("insert into bericht (bericht_id, bericht_type, afzender, deelnemer_id, deelnemer_pseudoniem, doel,"
                + " categorieen, inhoud_sha256, inhoud, trace_id, ontvangen_op, verwerking, antwoord_op, traceparent, tracestate,"
                + " retour_open, retour_voor) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", berichten);
        if (!bezorgingen.isEmpty()) {
            jdbc.batchUpdate("insert into bezorging (bericht_id, ontvanger, status, reden, verklaring_id, verklaring_versie,"
                    + " grondslag, ingehouden, rollen, ondertekend, pogingen, bijgewerkt_op, volgende_poging)"
                    + " values (?,?,?,?,?,?,?,?,?,?,0,?,?)", bezorgingen);
        }
    }

    /**
     * The status for the sender: per recipient, and the thread: what the message answers ({@code antwoordOp}, for an
     * answer) and the answers to it ({@code antwoorden}, each with the status of its delivery to this message's sender).
     */
    public Optional<MessageStatus> statusOf(String berichtId) {
        UUID id = UUID.fromString(berichtId);
        try {
            MessageStatus header = jdbc.queryForObject(
                    "select b.bericht_type, b.afzender, b.ontvangen_op, b.verwerking, b.antwoord_op, v.bericht_type as vraag_type"
                            + " from bericht b left join bericht v on v.bericht_id = b.antwoord_op where b.bericht_id = ?",
                    (rs, n) -> new MessageStatus(berichtId, rs.getString("bericht_type"), rs.getString("afzender"),
                            rs.getObject("ontvangen_op", OffsetDateTime.class), rs.getString("verwerking"), List.of(),
                            rs.getObject("antwoord_op") == null ? null : new MessageStatus.Vraag(
                                    rs.getObject("antwoord_op", UUID.class).toString(), rs.getString("vraag_type")),
                            List.of()), id);
            List<MessageStatus.Recipient> recipients = jdbc.query(
                    "select z.ontvanger, z.status, z.reden, z.pogingen, z.bijgewerkt_op, z.ingehouden,"
                            + " exists (select 1 from ontvangstbewijs o where o.bericht_id = z.bericht_id and o.ontvanger = z.ontvanger)"
                            + " as bewijs from bezorging z where z.bericht_id = ? order by z.ontvanger",
                    (rs, n) -> new MessageStatus.Recipient(rs.getString("ontvanger"), DeliveryStatus.valueOf(rs.getString("status")),
                            rs.getString("reden"), split(rs.getString("ingehouden")).stream().sorted().toList(), rs.getInt("pogingen"),
                            rs.getObject("bijgewerkt_op", OffsetDateTime.class), rs.getBoolean("bewijs")), id);
            List<MessageStatus.Antwoord> answers = answersTo(id, header.afzender()).stream()
                    .map(a -> new MessageStatus.Antwoord(a.berichtId(), a.berichtType(), a.afzender(), a.ontvangen(), a.status()))
                    .toList();
            return Optional.of(new MessageStatus(berichtId, header.berichtType(), header.afzender(), header.ontvangen(),
                    header.verwerking(), recipients, header.antwoordOp(), answers));
        } catch (EmptyResultDataAccessException e) {
            return Optional.empty();
        }
    }

    /**
     * What an answer needs to know about the message its correlatieId names (routing.AnswerStep): its type, its sender,
     * its participant and the status of its delivery to the answering partner (null: the message never had that
     * partner as recipient). Empty when no message has this id.
     */
    public Optional<Vraag> question(String berichtId, String answeringPartner) {
        return jdbc.query("select b.bericht_type, b.afzender, b.deelnemer_id, z.status from bericht b"
                        + " left join bezorging z on z.bericht_id = b.bericht_id and z.ontvanger = ? where b.bericht_id = ?",
                rs -> rs.next() ? Optional.of(new Vraag(berichtId, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? null : DeliveryStatus.valueOf(rs.getString(4)))) : Optional.<Vraag>empty(),
                answeringPartner, UUID.fromString(berichtId));
    }

    /**
     * The thread a message belongs to, for the console: the question (the message itself, or the one it answers) and
     * every answer to it, oldest first, each with the status of its delivery to the question's sender. Empty when the
     * message is unknown; a message that is no answer and has none is a thread of one.
     */
    public Optional<Draad> threadOf(String berichtId) {
        UUID id = UUID.fromString(berichtId);
        Optional<UUID> questionId = jdbc.query("select coalesce(antwoord_op, bericht_id) from bericht where bericht_id = ?",
                rs -> rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.<UUID>empty(), id);
        return questionId.flatMap(q -> jdbc.query("select bericht_type, afzender, ontvangen_op from bericht where bericht_id = ?",
                rs -> rs.next() ? Optional.of(new Draad.Bericht(q.toString(), rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class), null)) : Optional.<Draad.Bericht>empty(), q)
                .map(question -> new Draad(question, answersTo(q, question.afzender()))));
    }

    /** The answers to a question, oldest first, with the status of each one's delivery to the question's sender. */
    private List<Draad.Bericht> answersTo(UUID question, String questionSender) {
        return jdbc.query("select b.bericht_id, b.bericht_type, b.afzender, b.ontvangen_op, z.status from bericht b"
                        + " left join bezorging z on z.bericht_id = b.bericht_id and z.ontvanger = ?"
                        + " where b.antwoord_op = ? order by b.ontvangen_op, b.bericht_id",
                (rs, n) -> new Draad.Bericht(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5) == null ? null : DeliveryStatus.valueOf(rs.getString(5))),
                questionSender, question);
    }

    /** The status of one recipient's delivery, if it exists. */
    public Optional<DeliveryStatus> statusOf(String berichtId, String ontvanger) {
        return jdbc.query("select status from bezorging where bericht_id = ? and ontvanger = ?",
                rs -> rs.next() ? Optional.of(DeliveryStatus.valueOf(rs.getString(1))) : Optional.<DeliveryStatus>empty(),
                UUID.fromString(berichtId), ontvanger);
    }

    /** The W3C trace context stored with a message (empty if unknown or stored before tracing). */
    public Optional<StoredTrace> traceOf(String berichtId) {
        return jdbc.query("select traceparent, tracestate from bericht where bericht_id = ?",
                rs -> rs.next() ? Optional.ofNullable(StoredTrace.of(rs.getString(1), rs.getString(2))) : Optional.empty(),
                UUID.fromString(berichtId));
    }

    /** The validated body of a message as received (empty once removed by retention). */
    Optional<byte[]> body(String berichtId) {
        return jdbc.query("select inhoud from bericht where bericht_id = ? and inhoud is not null",
                rs -> rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty(), UUID.fromString(berichtId));
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
        return jdbc.query("""
                with due as (
                    select bericht_id, ontvanger, geclaimd_tot is not null as herhaling from bezorging
                     where ontvanger = ? and status in ('ACCEPTED','QUEUED') and volgende_poging <= ?
                       and (geclaimd_tot is null or geclaimd_tot < ?)
                     order by volgende_poging limit ? for update skip locked)
                update bezorging z set status = 'QUEUED', pogingen = z.pogingen + 1, poging_sinds = ?, geclaimd_tot = ?,
                       geclaimd_door = ?, bijgewerkt_op = ?
                  from due, bericht b
                 where z.bericht_id = due.bericht_id and z.ontvanger = due.ontvanger and b.bericht_id = z.bericht_id
                returning z.bericht_id, z.ontvanger, b.bericht_type, b.afzender, b.deelnemer_id, b.doel, b.categorieen,
                       b.trace_id, b.traceparent, b.tracestate, b.ontvangen_op, z.ondertekend, z.rollen, z.grondslag, z.ingehouden, z.pogingen,
                       z.ronde_start, due.herhaling
                """, DeliveryLedger::claimed, ontvanger, at, at, limit, at, Timestamp.from(leaseUntil), node, at);
    }

    private static Claimed claimed(ResultSet rs, int n) throws SQLException {
        DeliveryJob job = new DeliveryJob(rs.getObject("bericht_id", UUID.class).toString(), rs.getString("bericht_type"),
                rs.getString("afzender"), rs.getString("ontvanger"), rs.getString("deelnemer_id"), rs.getString("doel"),
                DataCategory.parseCodes(rs.getString("categorieen")), rs.getString("trace_id"),
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
        return jdbc.update("update bezorging set geclaimd_tot = ?, volgende_poging = ? where geclaimd_door = ?"
                + " and geclaimd_tot > ? and " + UNSETTLED, Timestamp.from(now), Timestamp.from(now), node, Timestamp.from(now));
    }

    /**
     * A new copy for a delivery whose consent decision changed since it was cut (another version, other categories
     * withheld, another encryption form): the copy and the decision it was made under.
     */
    void replaceCopy(String berichtId, String ontvanger, byte[] signed, ConsentDecision decision) {
        var first = decision.firstConsent();
        jdbc.update("update bezorging set ondertekend = ?, grondslag = ?, ingehouden = ?, verklaring_id = ?, verklaring_versie = ?"
                + " where bericht_id = ? and ontvanger = ?", signed, decision.ground(), decision.withheldCodes(),
                first.map(Grondslag::id).orElse(null), first.map(Grondslag::versie).orElse(null), UUID.fromString(berichtId), ontvanger);
    }

    /** Outcomes of attempts (and of checks before them), one batch statement per kind. */
    void settle(List<Outcome> outcomes, Instant now) {
        Timestamp at = Timestamp.from(now);
        List<Object[]> moves = new ArrayList<>();
        List<Object[]> retries = new ArrayList<>();
        List<Object[]> unclaims = new ArrayList<>();
        for (Outcome o : outcomes) {
            UUID id = UUID.fromString(o.berichtId());
            switch (o.kind()) {
                case DELIVERED, WITHHELD, FAILED -> moves.add(new Object[] {o.kind().status().name(), o.reden(), at, id, o.ontvanger()});
                case RETRY -> retries.add(new Object[] {o.reden(), at, Timestamp.from(o.due()), id, o.ontvanger()});
                case NOT_ATTEMPTED -> unclaims.add(new Object[] {at, Timestamp.from(o.due()), id, o.ontvanger()});
            }
        }
        if (!moves.isEmpty()) {
            jdbc.batchUpdate("update bezorging set status = ?, reden = ?, poging_sinds = null, geclaimd_tot = null,"
                    + " geclaimd_door = null, volgende_poging = null, bijgewerkt_op = ? where bericht_id = ? and ontvanger = ? and "
                    + UNSETTLED, moves);
        }
        if (!retries.isEmpty()) {
            jdbc.batchUpdate("update bezorging set reden = ?, poging_sinds = null, geclaimd_tot = null, geclaimd_door = null,"
                    + " bijgewerkt_op = ?, volgende_poging = ? where bericht_id = ? and ontvanger = ? and " + UNSETTLED, retries);
        }
        if (!unclaims.isEmpty()) {
            jdbc.batchUpdate("update bezorging set pogingen = pogingen - 1, poging_sinds = null, geclaimd_tot = null,"
                    + " geclaimd_door = null, bijgewerkt_op = ?, volgende_poging = ? where bericht_id = ? and ontvanger = ? and "
                    + UNSETTLED, unclaims);
        }
    }

    // ---- the mailbox (postbus) of a partner that collects its copies: its unsettled deliveries ----------------

    /**
     * A page of a partner's mailbox: its unsettled deliveries, oldest available first ({@code volgende_poging}, then
     * berichtId), after the given position (null: from the start).
     */
    List<Waiting> mailbox(String ontvanger, Waiting after, int limit) {
        String select = "select z.bericht_id, b.bericht_type, b.afzender, z.volgende_poging from bezorging z"
                + " join bericht b on b.bericht_id = z.bericht_id where z.ontvanger = ? and z." + UNSETTLED
                + " and z.volgende_poging is not null";
        RowMapper<Waiting> row = (rs, n) -> new Waiting(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant());
        if (after == null) {
            return jdbc.query(select + " order by z.volgende_poging, z.bericht_id limit ?", row, ontvanger, limit);
        }
        return jdbc.query(select + " and (z.volgende_poging, z.bericht_id) > (?, ?) order by z.volgende_poging, z.bericht_id limit ?",
                row, ontvanger, Timestamp.from(after.aangeboden()), UUID.fromString(after.berichtId()), limit);
    }

    /**
     * One delivery of a mailbox, locked for the caller's transaction (a concurrent fetch or acknowledgement of the same
     * copy waits): the job as a claim would take it, its status and reason, and when it was last fetched.
     */
    Optional<MailboxCopy> mailboxCopy(String berichtId, String ontvanger) {
        return jdbc.query("""
                select z.bericht_id, z.ontvanger, b.bericht_type, b.afzender, b.deelnemer_id, b.doel, b.categorieen,
                       b.trace_id, b.traceparent, b.tracestate, b.ontvangen_op, z.ondertekend, z.rollen, z.grondslag, z.ingehouden,
                       z.pogingen, z.ronde_start, false as herhaling, z.status, z.reden, z.opgehaald_op
                  from bezorging z join bericht b on b.bericht_id = z.bericht_id
                 where z.bericht_id = ? and z.ontvanger = ? for update of z
                """, (rs, n) -> new MailboxCopy(claimed(rs, n), DeliveryStatus.valueOf(rs.getString("status")), rs.getString("reden"),
                rs.getObject("opgehaald_op") == null ? null : rs.getObject("opgehaald_op", OffsetDateTime.class).toInstant()),
                UUID.fromString(berichtId), ontvanger).stream().findFirst();
    }

    /**
     * A fetch of a mailbox copy begins: it counts as an attempt and is under way from {@code now} (a revocation waits for
     * it, {@link #any}) until {@link #fetchEnded}. Only an unsettled delivery; false when it is not.
     */
    boolean fetchBegins(String berichtId, String ontvanger, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.update("update bezorging set status = 'QUEUED', pogingen = pogingen + 1, poging_sinds = ?, bijgewerkt_op = ?"
                + " where bericht_id = ? and ontvanger = ? and " + UNSETTLED, at, at, UUID.fromString(berichtId), ontvanger) == 1;
    }

    /** A fetch whose consent check could not be taken: it does not count (fail closed, nothing was handed over). */
    void fetchNotAttempted(String berichtId, String ontvanger) {
        jdbc.update("update bezorging set pogingen = pogingen - 1, poging_sinds = null where bericht_id = ? and ontvanger = ? and "
                + UNSETTLED, UUID.fromString(berichtId), ontvanger);
    }

    /**
     * A fetch that began at {@code began} ended: no longer under way (unless a later fetch of the same copy is); when its
     * bytes were written ({@code handedOver}) the copy counts as fetched from then on.
     */
    void fetchEnded(String berichtId, String ontvanger, Instant began, boolean handedOver, Instant now) {
        Timestamp since = Timestamp.from(began);
        if (handedOver) {
            jdbc.update("update bezorging set opgehaald_op = ?, poging_sinds = case when poging_sinds = ? then null else poging_sinds end"
                    + " where bericht_id = ? and ontvanger = ? and " + UNSETTLED, Timestamp.from(now), since,
                    UUID.fromString(berichtId), ontvanger);
        } else {
            jdbc.update("update bezorging set poging_sinds = null where bericht_id = ? and ontvanger = ? and poging_sinds = ?",
                    UUID.fromString(berichtId), ontvanger, since);
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
        jdbc.query("select ontvanger, count(*) as n from bezorging where " + UNSETTLED + " group by ontvanger",
                rs -> {
                    counts.put(rs.getString("ontvanger"), rs.getInt("n"));
                });
        return counts;
    }

    static Set<String> split(String codes) {
        return codes == null || codes.isEmpty() ? Set.of() : Set.of(codes.split(","));
    }

    private static String codes(Set<DataCategory> categories) {
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
    record Outcome(String berichtId, String ontvanger, Kind kind, String reden, Instant due) {

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
    public record NewMessage(Envelope envelope, String deelnemerPseudoniem, Set<DataCategory> categories,
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
