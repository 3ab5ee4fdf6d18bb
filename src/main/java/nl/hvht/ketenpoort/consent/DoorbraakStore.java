package nl.hvht.ketenpoort.consent;

import nl.hvht.ketenpoort.problem.AdminCode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.database.Transactions;
import nl.hvht.ketenpoort.problem.Rejection;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The break-glass requests ({@code doorbraak}): stored, locked for a decision, decided, listed. */
@Component
public class DoorbraakStore {

    private static final String COLUMNS = "id, bericht_id, ontvanger, aangevraagd_door, aangevraagd_op, motivering, status,"
            + " beoordeeld_door, beoordeeld_op";
    private static final int LIST_LIMIT = 500;

    private final JdbcClient jdbc;

    DoorbraakStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new open request; 409 DOORBRAAK_NIET_MOGELIJK if one is already open for the delivery. */
    public void insert(Doorbraak request) {
        if (request.status() != Doorbraak.Status.AANGEVRAAGD) {
            throw new IllegalArgumentException("only an open request is inserted");
        }
        try {
            jdbc.sql("insert into doorbraak (" + COLUMNS + ", lopend) values (:id, :berichtId, :ontvanger, :door, :op,"
                            + " :motivering, :status, null, null, true)")
                    .param("id", request.id()).param("berichtId", UUID.fromString(request.berichtId()))
                    .param("ontvanger", request.ontvanger()).param("door", request.aangevraagdDoor())
                    .param("op", VerklaringStore.utc(request.aangevraagdOp())).param("motivering", request.motivering())
                    .param("status", request.status().name())
                    .update();
        } catch (DuplicateKeyException open) {
            throw new Rejection(AdminCode.DOORBRAAK_NIET_MOGELIJK, "Er loopt al een doorbraakaanvraag voor deze bezorging.");
        }
    }

    /** True if a request for this delivery is open. */
    public boolean anyOpen(String berichtId, String ontvanger) {
        return jdbc.sql("select count(*) from doorbraak where bericht_id = :berichtId and ontvanger = :ontvanger and lopend = true")
                .param("berichtId", UUID.fromString(berichtId)).param("ontvanger", ontvanger)
                .query(Integer.class).single() > 0;
    }

    public Optional<Doorbraak> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from doorbraak where id = :id").param("id", id).query(DoorbraakStore::map).optional();
    }

    /** The request, row-locked until the caller's transaction ends (so two decisions cannot both pass). */
    public Optional<Doorbraak> lock(UUID id) {
        Transactions.requireActive("a lock on a break-glass request");
        return jdbc.sql("select " + COLUMNS + " from doorbraak where id = :id for update").param("id", id)
                .query(DoorbraakStore::map).optional();
    }

    /** Stores the decision of an open request; 409 DOORBRAAK_AL_BEOORDEELD if it was decided meanwhile. */
    public void decide(Doorbraak decided) {
        if (decided.status() == Doorbraak.Status.AANGEVRAAGD) {
            throw new IllegalArgumentException("not a decision");
        }
        int updated = jdbc.sql("update doorbraak set status = :status, beoordeeld_door = :door, beoordeeld_op = :op, lopend = null"
                        + " where id = :id and status = :aangevraagd")
                .param("status", decided.status().name()).param("door", decided.beoordeeldDoor())
                .param("op", VerklaringStore.utc(decided.beoordeeldOp())).param("id", decided.id())
                .param("aangevraagd", Doorbraak.Status.AANGEVRAAGD.name())
                .update();
        if (updated != 1) {
            throw new Rejection(AdminCode.DOORBRAAK_AL_BEOORDEELD);
        }
    }

    /** The most recent requests (at most 500), optionally of one status, newest first. */
    public List<Doorbraak> list(Optional<Doorbraak.Status> status) {
        String sql = "select " + COLUMNS + " from doorbraak" + (status.isPresent() ? " where status = :status" : "")
                + " order by aangevraagd_op desc limit :limiet";
        JdbcClient.StatementSpec query = jdbc.sql(sql).param("limiet", LIST_LIMIT);
        return (status.isPresent() ? query.param("status", status.get().name()) : query).query(DoorbraakStore::map).list();
    }

    private static Doorbraak map(ResultSet rs, int row) throws SQLException {
        return new Doorbraak(rs.getObject("id", UUID.class), rs.getObject("bericht_id", UUID.class).toString(),
                rs.getString("ontvanger"), rs.getString("aangevraagd_door"), instant(rs, "aangevraagd_op"),
                rs.getString("motivering"), Doorbraak.Status.valueOf(rs.getString("status")), rs.getString("beoordeeld_door"),
                instant(rs, "beoordeeld_op"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
