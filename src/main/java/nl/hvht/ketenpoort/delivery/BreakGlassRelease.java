package nl.hvht.ketenpoort.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DataCategory;
import nl.hvht.ketenpoort.bericht.MessageParser;
import nl.hvht.ketenpoort.bericht.ParsedMessage;
import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.Grond;
import nl.hvht.ketenpoort.signing.CopySigner;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release of a WITHHELD delivery after an approved break-glass request (four eyes, see
 * {@code consent.Doorbraak}): the delivery goes back to ACCEPTED with ground {@code doorbraak:<id>} and a full signed
 * copy, in the caller's transaction ({@link #release}); after that commits, {@link #queue} puts it on the
 * recipient's queue at once (else the outbox sweeper does). At delivery, {@code DeliveryConsent} takes the
 * {@code doorbraak:} ground instead of consent, and the consent and audit logs name it.
 *
 * <p>Duplicates: a delivery withheld at delivery time was queued before (intake allowed it, then consent was
 * revoked), so the broker's persisted duplicate-id cache still holds {@code berichtId:ontvanger} and would drop a
 * second send with that id. A release is therefore queued under {@code berichtId:ontvanger:doorbraak:<id>}. The
 * idempotent repository holds {@code berichtId:ontvanger} only once DELIVERED, which a WITHHELD delivery never was
 * (checked here anyway).
 */
@Component
public class BreakGlassRelease {

    static final String GROUND_PREFIX = "doorbraak:";
    private static final Logger LOG = LoggerFactory.getLogger(BreakGlassRelease.class);

    private final JdbcTemplate jdbc;
    private final IdempotentRepository delivered;
    private final MessageParser parser;
    private final CopySigner copies;
    private final ProducerTemplate producer;
    private final Clock clock;

    BreakGlassRelease(JdbcTemplate jdbc, @Qualifier("deliveredRepository") IdempotentRepository delivered,
            MessageParser parser, CopySigner copies, ProducerTemplate producer, Clock clock) {
        this.jdbc = jdbc;
        this.delivered = delivered;
        this.parser = parser;
        this.copies = copies;
        this.producer = producer;
        this.clock = clock;
    }

    /** The delivery a break-glass request is about (metadata only: for audit records and checks). */
    public Optional<Subject> describe(String berichtId, String ontvanger) {
        return subject(berichtId, ontvanger, false);
    }

    /**
     * The delivery, row-locked until the caller's transaction ends, if it is WITHHELD and can be released;
     * else 409 DOORBRAAK_NIET_MOGELIJK.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Subject lockWithheld(String berichtId, String ontvanger) {
        Subject subject = subject(berichtId, ontvanger, true)
                .orElseThrow(() -> new Rejection(RejectionCode.DOORBRAAK_NIET_MOGELIJK, "Onbekende bezorging."));
        if (subject.status() != DeliveryStatus.WITHHELD) {
            throw new Rejection(RejectionCode.DOORBRAAK_NIET_MOGELIJK, "Alleen een ingehouden (WITHHELD) bezorging kan worden vrijgegeven.");
        }
        if (delivered.contains(berichtId + ":" + ontvanger)) {
            throw new Rejection(RejectionCode.DOORBRAAK_NIET_MOGELIJK, "Deze bezorging is al afgeleverd.");
        }
        return subject;
    }

    /**
     * Releases the WITHHELD delivery on the approved break-glass request {@code doorbraakId}, in the caller's
     * transaction: status ACCEPTED, ground {@code doorbraak:<id>}, nothing withheld, a full signed copy made from the
     * stored message. Nothing is sent until {@link #queue} is called after the commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Released release(UUID doorbraakId, String berichtId, String ontvanger) {
        Subject subject = lockWithheld(berichtId, ontvanger);
        Stored stored = jdbc.query("select inhoud, trace_id from bericht where bericht_id = ? and inhoud is not null",
                        rs -> rs.next() ? Optional.of(new Stored(rs.getBytes(1), rs.getString(2))) : Optional.<Stored>empty(),
                        UUID.fromString(berichtId))
                .orElseThrow(() -> new Rejection(RejectionCode.DOORBRAAK_NIET_MOGELIJK, "De inhoud van het bericht is niet meer bewaard."));
        Grond ground = Grond.doorbraak(doorbraakId);
        ParsedMessage message = parser.parse(stored.body());
        byte[] copy = copies.copyFor(message, ontvanger, ConsentDecision.allowed(Set.of(ground), Set.of()));
        int updated = jdbc.update("update bezorging set status = ?, reden = null, grondslag = ?, ingehouden = '', verklaring_id = null,"
                        + " verklaring_versie = null, ondertekend = ?, poging_sinds = null, bijgewerkt_op = ?"
                        + " where bericht_id = ? and ontvanger = ? and status = ?",
                DeliveryStatus.ACCEPTED.name(), ground.code(), copy, Timestamp.from(clock.instant()), UUID.fromString(berichtId),
                ontvanger, DeliveryStatus.WITHHELD.name());
        if (updated != 1) {
            throw new IllegalStateException("withheld delivery changed under its row lock: " + berichtId + ":" + ontvanger);
        }
        // The same duplicate id the outbox sweeper would use for this row (ground and manual retries), so a release
        // queued by both is dropped once by Artemis.
        Integer herkansingen = jdbc.queryForObject("select herkansingen from bezorging where bericht_id = ? and ontvanger = ?",
                Integer.class, UUID.fromString(berichtId), ontvanger);
        DeliveryJob job = DeliveryJob.of(message, ontvanger, stored.traceId(), copy).withDuplicateSuffix(
                DeliveryLedger.Stored.duplicateSuffix(ground.code(), herkansingen == null ? 0 : herkansingen));
        return new Released(subject, job);
    }

    /**
     * Queues a committed release at once ({@code direct:enqueue-job}: status QUEUED, audit QUEUED). If the broker
     * refuses, the delivery stays ACCEPTED and the outbox sweeper queues it later under the same duplicate id.
     */
    public void queue(Released released) {
        try {
            producer.sendBody("direct:enqueue-job", released.job);
        } catch (RuntimeException e) {
            LOG.warn("enqueue of break-glass release {} deferred to the outbox sweeper: {}", released.job.key(), e.getClass().getName());
        }
    }

    private Optional<Subject> subject(String berichtId, String ontvanger, boolean lock) {
        UUID id = UUID.fromString(berichtId);
        Optional<DeliveryStatus> status = jdbc.query("select status from bezorging where bericht_id = ? and ontvanger = ?"
                        + (lock ? " for update" : ""),
                rs -> rs.next() ? Optional.of(DeliveryStatus.valueOf(rs.getString(1))) : Optional.<DeliveryStatus>empty(),
                id, ontvanger);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("select bericht_type, afzender, deelnemer_pseudoniem, categorieen from bericht where bericht_id = ?",
                rs -> rs.next() ? Optional.of(new Subject(berichtId, rs.getString(1), rs.getString(2), ontvanger, rs.getString(3),
                        categories(rs.getString(4)), status.get())) : Optional.<Subject>empty(), id);
    }

    private static Set<DataCategory> categories(String codes) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (codes != null && !codes.isEmpty()) {
            Arrays.stream(codes.split(",")).forEach(code -> DataCategory.fromCode(code).ifPresent(categories::add));
        }
        return categories;
    }

    private record Stored(byte[] body, String traceId) {
    }

    /**
     * A delivery a break-glass request is about: ids, type, sender, recipient, participant pseudonym, categories,
     * status. No content and no participant id.
     */
    public record Subject(String berichtId, String berichtType, String afzender, String ontvanger, String deelnemerPseudoniem,
            Set<DataCategory> categories, DeliveryStatus status) {

        public Subject {
            categories = Set.copyOf(categories);
        }
    }

    /** A release committed to the ledger, to be queued with {@link #queue}. */
    public static final class Released {

        private final Subject subject;
        private final DeliveryJob job;

        private Released(Subject subject, DeliveryJob job) {
            this.subject = subject;
            this.job = job;
        }

        public Subject subject() {
            return subject;
        }

        @Override
        public String toString() {
            return "Released[" + job.key() + "]";
        }
    }
}
