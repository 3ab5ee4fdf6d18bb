package nl.hvht.ketenpoort.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import nl.hvht.ketenpoort.consent.Grond;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The message ledger: each message once, with per recipient its delivery status. Status only moves
 * forward (a DELIVERED, WITHHELD or FAILED row is never changed back by a late redelivery).
 */
@Component
public class DeliveryLedger implements AttemptsUnderWay {

    private final JdbcTemplate jdbc;
    private final IdempotentRepository delivered;
    private final Clock clock;

    DeliveryLedger(JdbcTemplate jdbc, @Qualifier("deliveredRepository") IdempotentRepository delivered, Clock clock) {
        this.jdbc = jdbc;
        this.delivered = delivered;
        this.clock = clock;
    }

    @Override
    public boolean any(String deelnemer, java.time.Instant since) {
        Integer count = jdbc.queryForObject("select count(*) from bezorging z join bericht b on b.bericht_id = z.bericht_id"
                + " where b.deelnemer_id = ? and z.poging_sinds >= ?", Integer.class, deelnemer, Timestamp.from(since));
        return count != null && count > 0;
    }

    /** True if this delivery was completed before (Camel's persistent idempotent repository). */
    boolean wasDelivered(DeliveryJob job) {
        return delivered.contains(job.key());
    }

    /** SHA-256 of the body stored for this berichtId, if the message is known. */
    public Optional<String> digestOf(String berichtId) {
        return jdbc.query("select inhoud_sha256 from bericht where bericht_id = ?",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty(), UUID.fromString(berichtId));
    }

    /**
     * Stores a new message and one row per recipient: ACCEPTED where consent allowed it, WITHHELD with
     * the reason where not. Throws {@code DuplicateKeyException} if the berichtId was stored meanwhile.
     */
    @Transactional
    public void record(NewMessage message) {
        Envelope envelope = message.envelope();
        Timestamp now = Timestamp.from(clock.instant());
        UUID id = UUID.fromString(envelope.berichtId());
        jdbc.update("insert into bericht (bericht_id, bericht_type, afzender, deelnemer_id, deelnemer_pseudoniem, doel,"
                        + " categorieen, inhoud_sha256, inhoud, trace_id, ontvangen_op, verwerking) values (?,?,?,?,?,?,?,?,?,?,?,?)",
                id, envelope.berichtType(), envelope.afzender(), envelope.deelnemer(), message.deelnemerPseudoniem(), envelope.doel(),
                codes(message.categories()), message.sha256(), message.body(), message.traceId(), now, message.verwerking());
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, ConsentDecision> entry : message.decisions().entrySet()) {
            ConsentDecision decision = entry.getValue();
            var first = decision.firstConsent();
            rows.add(new Object[] {id, entry.getKey(),
                    (decision.allowed() ? DeliveryStatus.ACCEPTED : DeliveryStatus.WITHHELD).name(),
                    decision.allowed() ? null : decision.reason().name(), first.map(Grond::id).orElse(null),
                    first.map(Grond::versie).orElse(null), decision.allowed() ? decision.ground() : null,
                    decision.withheldCodes(), String.join(",", message.roles().getOrDefault(entry.getKey(), Set.of())),
                    message.signed().get(entry.getKey()), now});
        }
        jdbc.batchUpdate("insert into bezorging (bericht_id, ontvanger, status, reden, verklaring_id, verklaring_versie,"
                + " grondslag, ingehouden, rollen, ondertekend, pogingen, bijgewerkt_op) values (?,?,?,?,?,?,?,?,?,?,0,?)", rows);
    }

    public Optional<MessageStatus> statusOf(String berichtId) {
        UUID id = UUID.fromString(berichtId);
        try {
            MessageStatus header = jdbc.queryForObject(
                    "select bericht_type, afzender, ontvangen_op, verwerking from bericht where bericht_id = ?",
                    (rs, n) -> new MessageStatus(berichtId, rs.getString(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class), rs.getString(4), List.of()), id);
            List<MessageStatus.Recipient> recipients = jdbc.query(
                    "select z.ontvanger, z.status, z.reden, z.pogingen, z.bijgewerkt_op, z.ingehouden,"
                            + " exists (select 1 from ontvangstbewijs o where o.bericht_id = z.bericht_id and o.ontvanger = z.ontvanger)"
                            + " from bezorging z where z.bericht_id = ? order by z.ontvanger",
                    (rs, n) -> new MessageStatus.Recipient(rs.getString(1), DeliveryStatus.valueOf(rs.getString(2)),
                            rs.getString(3), List.copyOf(split(rs.getString(6))).stream().sorted().toList(), rs.getInt(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getBoolean(7)), id);
            return Optional.of(new MessageStatus(berichtId, header.berichtType(), header.afzender(), header.ontvangen(),
                    header.verwerking(), recipients));
        } catch (EmptyResultDataAccessException e) {
            return Optional.empty();
        }
    }

    /** The status of one recipient's delivery, if it exists. */
    public Optional<DeliveryStatus> statusOf(String berichtId, String ontvanger) {
        return stateOf(berichtId, ontvanger).map(State::status);
    }

    /** Status of one recipient's delivery and the participant it is about (for the consent re-check). */
    Optional<State> stateOf(String berichtId, String ontvanger) {
        return jdbc.query("select z.status, b.deelnemer_id, z.rollen, z.grondslag, z.ingehouden, z.herkansingen from bezorging z"
                        + " join bericht b on b.bericht_id = z.bericht_id where z.bericht_id = ? and z.ontvanger = ?",
                rs -> rs.next() ? Optional.of(new State(DeliveryStatus.valueOf(rs.getString(1)), rs.getString(2),
                        split(rs.getString(3)), rs.getString(4), rs.getString(5) == null ? "" : rs.getString(5), rs.getInt(6)))
                        : Optional.empty(),
                UUID.fromString(berichtId), ontvanger);
    }

    /** The validated body of a message as received (null once removed by retention). */
    Optional<byte[]> body(String berichtId) {
        return jdbc.query("select inhoud from bericht where bericht_id = ? and inhoud is not null",
                rs -> rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty(), UUID.fromString(berichtId));
    }

    /**
     * A new copy for a delivery whose consent decision changed since it was queued (another version, other
     * categories withheld): the copy and the decision it was made under.
     */
    void replaceCopy(String berichtId, String ontvanger, byte[] signed, ConsentDecision decision) {
        var first = decision.firstConsent();
        jdbc.update("update bezorging set ondertekend = ?, grondslag = ?, ingehouden = ?, verklaring_id = ?, verklaring_versie = ?"
                + " where bericht_id = ? and ontvanger = ?", signed, decision.ground(), decision.withheldCodes(),
                first.map(Grond::id).orElse(null), first.map(Grond::versie).orElse(null), UUID.fromString(berichtId), ontvanger);
    }

    /** The signed copy stored for one recipient (the one its latest consent decision allows). */
    Optional<byte[]> storedCopy(String berichtId, String ontvanger) {
        return jdbc.query("select ondertekend from bezorging where bericht_id = ? and ontvanger = ? and ondertekend is not null",
                rs -> rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty(), UUID.fromString(berichtId), ontvanger);
    }

    /** Notes that an attempt passed its consent check and is under way (a revocation waits for it). */
    void attemptStarted(String berichtId, String ontvanger) {
        jdbc.update("update bezorging set poging_sinds = ? where bericht_id = ? and ontvanger = ?",
                Timestamp.from(clock.instant()), UUID.fromString(berichtId), ontvanger);
    }

    private static Set<String> split(String codes) {
        return codes == null || codes.isEmpty() ? Set.of() : Set.of(codes.split(","));
    }

    void markQueued(String berichtId, String ontvanger) {
        move(berichtId, ontvanger, DeliveryStatus.QUEUED, null, "status = 'ACCEPTED'");
    }

    /**
     * DELIVERED, counting the attempt that did it, and the delivery's key in the idempotent repository, in
     * one transaction: a redelivery finds both or neither.
     */
    @Transactional
    void markDelivered(DeliveryJob job) {
        delivered.add(job.key());
        moveAfterAttempt(job.berichtId(), job.ontvanger(), DeliveryStatus.DELIVERED, null);
    }

    void markWithheld(String berichtId, String ontvanger, String reason) {
        move(berichtId, ontvanger, DeliveryStatus.WITHHELD, reason, "status in ('ACCEPTED','QUEUED')");
    }

    /** FAILED, counting the attempt that failed for the last time. */
    void markFailed(String berichtId, String ontvanger, String reason) {
        moveAfterAttempt(berichtId, ontvanger, DeliveryStatus.FAILED, reason);
    }

    void countAttempt(String berichtId, String ontvanger) {
        jdbc.update("update bezorging set pogingen = pogingen + 1, poging_sinds = null, bijgewerkt_op = ? where bericht_id = ? and ontvanger = ?",
                Timestamp.from(clock.instant()), UUID.fromString(berichtId), ontvanger);
    }

    /** Recipients still ACCEPTED (not queued) for longer than {@code age}: what a crash left behind. */
    List<Pending> staleAccepted(Duration age, int limit) {
        Timestamp before = Timestamp.from(clock.instant().minus(age));
        return jdbc.query("select bericht_id, ontvanger from bezorging where status = 'ACCEPTED' and bijgewerkt_op < ?"
                        + " order by bijgewerkt_op limit ?",
                (rs, n) -> new Pending(rs.getObject(1, UUID.class).toString(), rs.getString(2)), before, limit);
    }

    /** What is needed to queue a recipient's delivery again: the validated body and the signed copy. */
    Optional<Stored> stored(Pending pending) {
        return jdbc.query("select b.inhoud, b.trace_id, z.ondertekend, z.grondslag, z.herkansingen from bericht b"
                        + " join bezorging z on z.bericht_id = b.bericht_id"
                        + " where b.bericht_id = ? and z.ontvanger = ? and b.inhoud is not null and z.ondertekend is not null",
                rs -> rs.next() ? Optional.of(new Stored(rs.getBytes(1), rs.getString(2), rs.getBytes(3), rs.getString(4), rs.getInt(5)))
                        : Optional.empty(),
                UUID.fromString(pending.berichtId()), pending.ontvanger());
    }

    private void moveAfterAttempt(String berichtId, String ontvanger, DeliveryStatus to, String reason) {
        jdbc.update("update bezorging set status = ?, reden = ?, pogingen = pogingen + 1, poging_sinds = null, bijgewerkt_op = ?"
                + " where bericht_id = ? and ontvanger = ? and status in ('ACCEPTED','QUEUED')",
                to.name(), reason, Timestamp.from(clock.instant()), UUID.fromString(berichtId), ontvanger);
    }

    private void move(String berichtId, String ontvanger, DeliveryStatus to, String reason, String fromCondition) {
        jdbc.update("update bezorging set status = ?, reden = ?, poging_sinds = null, bijgewerkt_op = ? where bericht_id = ? and ontvanger = ? and "
                + fromCondition, to.name(), reason, Timestamp.from(clock.instant()), UUID.fromString(berichtId), ontvanger);
    }

    private static String codes(java.util.Set<DataCategory> categories) {
        TreeSet<String> codes = new TreeSet<>();
        categories.forEach(c -> codes.add(c.code()));
        return String.join(",", codes);
    }

    /**
     * A recipient's delivery: status, the participant id of the message, the roles the message gives the
     * recipient, the grounds and withheld categories its queued copy was made under, and how often an administrator
     * queued it again after it was dead-lettered.
     */
    record State(DeliveryStatus status, String deelnemerId, Set<String> rollen, String grondslag, String ingehouden,
            int herkansingen) {

        boolean isSettled() {
            return status == DeliveryStatus.DELIVERED || status == DeliveryStatus.WITHHELD || status == DeliveryStatus.FAILED;
        }

        @Override
        public String toString() {
            return "State[" + status + "]";
        }
    }

    /** A recipient whose message is still to be queued. */
    record Pending(String berichtId, String ontvanger) {
    }

    /**
     * A stored message body with the signed copy for one recipient, the grounds it was made under and how often an
     * administrator queued it again after it was dead-lettered.
     */
    record Stored(byte[] body, String traceId, byte[] signed, String grondslag, int herkansingen) {

        /**
         * A break-glass release and each manual retry are queued under their own duplicate id (see
         * {@link DeliveryJob#DUPLICATE_ID}): {@code doorbraak:<id>}, {@code herkansing:<n>}, or both.
         */
        String duplicateSuffix() {
            return duplicateSuffix(grondslag, herkansingen);
        }

        static String duplicateSuffix(String grondslag, int herkansingen) {
            String release = grondslag != null && grondslag.startsWith(BreakGlassRelease.GROUND_PREFIX) ? grondslag : null;
            if (herkansingen <= 0) {
                return release;
            }
            String retry = "herkansing:" + herkansingen;
            return release == null ? retry : release + ":" + retry;
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
     * @param decisions           consent decision per recipient
     * @param signed              signed copy per allowed recipient
     * @param roles               roles the message gives each recipient
     * @param verwerking          what the gateway did with a message addressed to itself, or null
     */
    public record NewMessage(Envelope envelope, String deelnemerPseudoniem, java.util.Set<DataCategory> categories,
            String sha256, byte[] body, String traceId, Map<String, ConsentDecision> decisions, Map<String, byte[]> signed,
            Map<String, Set<String>> roles, String verwerking) {
    }
}
