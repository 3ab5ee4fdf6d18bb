package nl.hvht.ketenpoort.delivery;

import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.problem.AdminCode;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.BerichtParser;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.Grondslag;
import nl.hvht.ketenpoort.database.Transactions;
import nl.hvht.ketenpoort.signing.CopySigner;
import nl.hvht.ketenpoort.trace.StoredTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The release of a WITHHELD delivery after an approved break-glass request (four eyes, see
 * {@code consent.Doorbraak}): the delivery goes back to QUEUED, due at once, with ground {@code doorbraak:<id>} and a
 * full signed copy, in the caller's transaction ({@link #release}); after that commits, {@link #queue} wakes the
 * recipient's delivery workers (else they find it at their next look in the ledger). At delivery,
 * {@code DeliveryClaims} takes the {@code doorbraak:} ground instead of consent, and the consent and audit logs name
 * it.
 */
@Component
public class DoorbraakRelease {

    static final String GROUND_PREFIX = "doorbraak:";
    private static final Logger LOG = LoggerFactory.getLogger(DoorbraakRelease.class);

    private final JdbcClient jdbc;
    private final BerichtParser parser;
    private final CopySigner copies;
    private final DeliveryWorker worker;
    private final DeliveryWakeups wakeups;
    private final Clock clock;

    DoorbraakRelease(JdbcClient jdbc, BerichtParser parser, CopySigner copies, DeliveryWorker worker, DeliveryWakeups wakeups,
            Clock clock) {
        this.jdbc = jdbc;
        this.parser = parser;
        this.copies = copies;
        this.worker = worker;
        this.wakeups = wakeups;
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
    public Subject lockWithheld(String berichtId, String ontvanger) {
        Transactions.requireActive("a break-glass release");
        Subject subject = subject(berichtId, ontvanger, true)
                .orElseThrow(() -> new Rejection(AdminCode.DOORBRAAK_NIET_MOGELIJK, "Onbekende bezorging."));
        if (subject.status() != DeliveryStatus.WITHHELD) {
            throw new Rejection(AdminCode.DOORBRAAK_NIET_MOGELIJK, "Alleen een ingehouden (WITHHELD) bezorging kan worden vrijgegeven.");
        }
        return subject;
    }

    /**
     * Releases the WITHHELD delivery on the approved break-glass request {@code doorbraakId}, in the caller's
     * transaction: status ACCEPTED, ground {@code doorbraak:<id>}, nothing withheld, a full signed copy made from the
     * stored message, due at once in a new round of attempts. The delivery workers see it once the caller's transaction
     * has committed.
     */
    public Released release(UUID doorbraakId, String berichtId, String ontvanger) {
        Subject subject = lockWithheld(berichtId, ontvanger);
        Stored stored = jdbc.sql("select inhoud, traceparent, tracestate from bericht where bericht_id = :berichtId and inhoud is not null")
                .param("berichtId", UUID.fromString(berichtId))
                .query((rs, n) -> new Stored(rs.getBytes("inhoud"),
                        StoredTrace.of(rs.getString("traceparent"), rs.getString("tracestate"))))
                .optional()
                .orElseThrow(() -> new Rejection(AdminCode.DOORBRAAK_NIET_MOGELIJK, "De inhoud van het bericht is niet meer bewaard."));
        Grondslag ground = Grondslag.doorbraak(doorbraakId);
        ParsedBericht message = parser.parse(stored.body());
        // The copy is a span of the message's trace.
        byte[] copy = copies.copyFor(message, ontvanger, ConsentDecision.allowed(Set.of(ground), Set.of()), stored.trace());
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("update bezorging set status = :queued, reden = null, grondslag = :grond, ingehouden = '',"
                        + " verklaring_id = null, verklaring_versie = null, ondertekend = :kopie, poging_sinds = null,"
                        + " geclaimd_tot = null, geclaimd_door = null, ronde_start = pogingen, volgende_poging = :nu, bijgewerkt_op = :nu"
                        + " where bericht_id = :berichtId and ontvanger = :ontvanger and status = :withheld")
                .param("queued", DeliveryStatus.QUEUED.name()).param("grond", ground.code()).param("kopie", copy)
                .param("nu", now).param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger)
                .param("withheld", DeliveryStatus.WITHHELD.name())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("withheld delivery changed under its row lock: " + berichtId + ":" + ontvanger);
        }
        return new Released(subject);
    }

    /** After the release committed: wakes the recipient's delivery workers, here and on other nodes. */
    public void queue(Released released) {
        String ontvanger = released.subject().ontvanger();
        worker.wake(ontvanger);
        wakeups.announce(Set.of(ontvanger));
    }

    private Optional<Subject> subject(String berichtId, String ontvanger, boolean lock) {
        UUID id = UUID.fromString(berichtId);
        Optional<DeliveryStatus> status = jdbc.sql("select status from bezorging where bericht_id = :berichtId and ontvanger = :ontvanger"
                        + (lock ? " for update" : ""))
                .param("berichtId", id).param("ontvanger", ontvanger)
                .query((rs, n) -> DeliveryStatus.valueOf(rs.getString("status")))
                .optional();
        if (status.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select bericht_type, afzender, deelnemer_pseudoniem, categorieen from bericht where bericht_id = :berichtId")
                .param("berichtId", id)
                .query((rs, n) -> new Subject(berichtId, rs.getString("bericht_type"), rs.getString("afzender"), ontvanger,
                        rs.getString("deelnemer_pseudoniem"), categories(rs.getString("categorieen")), status.get()))
                .optional();
    }


    private static Set<Categorie> categories(String codes) {
        Set<Categorie> categories = EnumSet.noneOf(Categorie.class);
        if (codes != null && !codes.isEmpty()) {
            Arrays.stream(codes.split(",")).forEach(code -> Categorie.fromCode(code).ifPresent(categories::add));
        }
        return categories;
    }

    private record Stored(byte[] body, StoredTrace trace) {
    }

    /**
     * A delivery a break-glass request is about: ids, type, sender, recipient, participant pseudonym, categories,
     * status. No content and no participant id.
     */
    public record Subject(String berichtId, String berichtType, String afzender, String ontvanger, String deelnemerPseudoniem,
            Set<Categorie> categories, DeliveryStatus status) {

        public Subject {
            categories = Set.copyOf(categories);
        }
    }

    /** A release written to the ledger; {@link #queue} it once the transaction committed. */
    public static final class Released {

        private final Subject subject;

        private Released(Subject subject) {
            this.subject = subject;
        }

        public Subject subject() {
            return subject;
        }

        @Override
        public String toString() {
            return "Released[" + subject.berichtId() + ":" + subject.ontvanger() + "]";
        }
    }
}
