package nl.hvht.ketenpoort.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored receipts (table {@code ontvangstbewijs}, {@code V9__ontvangstbewijs.sql}): one per delivery, the first
 * verified one counts (a repeat after a redelivery is ignored). Read by the admin side.
 */
@Component
public class OntvangstbewijsStore {

    private static final String COLUMNS = "bericht_id, ontvanger, cms, digest_sha256, ondertekenaar_onderwerp,"
            + " ondertekenaar_uitgever, ondertekenaar_serienummer, ondertekenaar_oin, ontvangstmoment, ontvangen_op, geverifieerd_op";

    private final JdbcClient jdbc;
    private final Clock clock;

    OntvangstbewijsStore(JdbcClient jdbc, Clock clock) {
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
        return jdbc.sql("insert into ontvangstbewijs (" + COLUMNS + ") values (:berichtId, :ontvanger, :cms, :digest,"
                        + " :onderwerp, :uitgever, :serienummer, :oin, :ontvangstmoment, :ontvangenOp, :geverifieerdOp)"
                        + " on conflict do nothing")
                .param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger).param("cms", receipt.cms())
                .param("digest", receipt.digest())
                .param("onderwerp", receipt.signer().getSubjectX500Principal().getName())
                .param("uitgever", receipt.signer().getIssuerX500Principal().getName())
                .param("serienummer", receipt.serial()).param("oin", receipt.oin())
                .param("ontvangstmoment", receipt.ontvangstmoment()).param("ontvangenOp", Timestamp.from(ontvangenOp))
                .param("geverifieerdOp", Timestamp.from(clock.instant()))
                .update() == 1;
    }

    /** The receipts of a message, by recipient. */
    public List<Ontvangstbewijs> of(String berichtId) {
        return jdbc.sql("select " + COLUMNS + " from ontvangstbewijs where bericht_id = :berichtId order by ontvanger")
                .param("berichtId", UUID.fromString(berichtId)).query(OntvangstbewijsStore::row).list();
    }

    /** The receipt of one recipient's delivery, if one was verified. */
    public Optional<Ontvangstbewijs> of(String berichtId, String ontvanger) {
        return jdbc.sql("select " + COLUMNS + " from ontvangstbewijs where bericht_id = :berichtId and ontvanger = :ontvanger")
                .param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger).query(OntvangstbewijsStore::row).optional();
    }

    /** Type, sender and participant pseudonym of a known message (for audit records about its receipts). */
    public Optional<Message> message(String berichtId) {
        return jdbc.sql("select bericht_type, afzender, deelnemer_pseudoniem from bericht where bericht_id = :berichtId")
                .param("berichtId", UUID.fromString(berichtId))
                .query((rs, n) -> new Message(berichtId, rs.getString("bericht_type"), rs.getString("afzender"),
                        rs.getString("deelnemer_pseudoniem")))
                .optional();
    }

    private static Ontvangstbewijs row(ResultSet rs, int n) throws SQLException {
        return new Ontvangstbewijs(rs.getObject("bericht_id", UUID.class).toString(), rs.getString("ontvanger"),
                rs.getBytes("cms"), rs.getString("digest_sha256"), rs.getString("ondertekenaar_onderwerp"),
                rs.getString("ondertekenaar_uitgever"), rs.getString("ondertekenaar_serienummer"),
                rs.getString("ondertekenaar_oin"), rs.getObject("ontvangstmoment", java.time.OffsetDateTime.class),
                rs.getObject("ontvangen_op", java.time.OffsetDateTime.class),
                rs.getObject("geverifieerd_op", java.time.OffsetDateTime.class));
    }

    /** A message as named in audit records: ids and type, the participant only as pseudonym. */
    public record Message(String berichtId, String berichtType, String afzender, String deelnemerPseudoniem) {
    }
}
