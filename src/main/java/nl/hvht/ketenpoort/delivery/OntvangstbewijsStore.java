package nl.hvht.ketenpoort.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored receipts (table {@code ontvangstbewijs}, {@code V9__ontvangstbewijs.sql}): one per delivery, the first
 * verified one counts (a repeat after a redelivery is ignored). Read by the admin side.
 */
@Component
public class OntvangstbewijsStore {

    private static final String COLUMNS = "bericht_id, ontvanger, cms, digest_sha256, ondertekenaar_onderwerp,"
            + " ondertekenaar_uitgever, ondertekenaar_serienummer, ondertekenaar_oin, ontvangstmoment, ontvangen_op, geverifieerd_op";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OntvangstbewijsStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores a verified receipt; false when this delivery already has one (kept as it is).
     *
     * @param ontvangenOp when the partner's answer with the receipt arrived
     */
    boolean store(String berichtId, String ontvanger, OntvangstbewijsVerifier.Accepted receipt, Instant ontvangenOp) {
        // No exception on a repeat: in PostgreSQL a failed statement would spoil the caller's whole transaction.
        return jdbc.update("insert into ontvangstbewijs (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?)"
                        + " on conflict do nothing",
                UUID.fromString(berichtId), ontvanger, receipt.cms(), receipt.digest(),
                receipt.signer().getSubjectX500Principal().getName(), receipt.signer().getIssuerX500Principal().getName(),
                receipt.serial(), receipt.oin(), receipt.ontvangstmoment(), Timestamp.from(ontvangenOp),
                Timestamp.from(clock.instant())) == 1;
    }

    /** The receipts of a message, by recipient. */
    public List<Ontvangstbewijs> of(String berichtId) {
        return jdbc.query("select " + COLUMNS + " from ontvangstbewijs where bericht_id = ? order by ontvanger",
                OntvangstbewijsStore::row, UUID.fromString(berichtId));
    }

    /** The receipt of one recipient's delivery, if one was verified. */
    public Optional<Ontvangstbewijs> of(String berichtId, String ontvanger) {
        return jdbc.query("select " + COLUMNS + " from ontvangstbewijs where bericht_id = ? and ontvanger = ?",
                OntvangstbewijsStore::row, UUID.fromString(berichtId), ontvanger).stream().findFirst();
    }

    /** Type, sender and participant pseudonym of a known message (for audit records about its receipts). */
    public Optional<Message> message(String berichtId) {
        return jdbc.query("select bericht_type, afzender, deelnemer_pseudoniem from bericht where bericht_id = ?",
                (rs, n) -> new Message(berichtId, rs.getString(1), rs.getString(2), rs.getString(3)),
                UUID.fromString(berichtId)).stream().findFirst();
    }

    private static Ontvangstbewijs row(ResultSet rs, int n) throws SQLException {
        return new Ontvangstbewijs(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getBytes(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getObject(9, java.time.OffsetDateTime.class), rs.getObject(10, java.time.OffsetDateTime.class),
                rs.getObject(11, java.time.OffsetDateTime.class));
    }

    /** A message as named in audit records: ids and type, the participant only as pseudonym. */
    public record Message(String berichtId, String berichtType, String afzender, String deelnemerPseudoniem) {
    }
}
