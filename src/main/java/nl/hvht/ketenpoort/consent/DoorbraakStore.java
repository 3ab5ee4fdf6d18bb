package nl.hvht.ketenpoort.consent;

import nl.hvht.ketenpoort.problem.AdminCode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.problem.Rejection;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The break-glass requests ({@code doorbraak}): stored, locked for a decision, decided, listed. */
@Component
public class DoorbraakStore {

    private static final String COLUMNS = "id, bericht_id, ontvanger, aangevraagd_door, aangevraagd_op, motivering, status,"
            + " beoordeeld_door, beoordeeld_op";
    private static final int LIST_LIMIT = 500;

    private final JdbcTemplate jdbc;

    DoorbraakStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new open request; 409 DOORBRAAK_NIET_MOGELIJK if one is already open for the delivery. */
    public void insert(Doorbraak request) {
        if (request.status() != Doorbraak.Status.AANGEVRAAGD) {
            throw new IllegalArgumentException("only an open request is inserted");
        }
        try {
            jdbc.update("insert into doorbraak (" + COLUMNS + ", lopend) values (?, ?, ?, ?, ?, ?, ?, null, null, true)",
                    request.id(), UUID.fromString(request.berichtId()), request.ontvanger(), request.aangevraagdDoor(),
                    VerklaringStore.utc(request.aangevraagdOp()), request.motivering(), request.status().name());
        } catch (DuplicateKeyException open) {
            throw new Rejection(AdminCode.DOORBRAAK_NIET_MOGELIJK, "Er loopt al een doorbraakaanvraag voor deze bezorging.");
        }
    }

    /** True if a request for this delivery is open. */
    public boolean anyOpen(String berichtId, String ontvanger) {
        Integer open = jdbc.queryForObject("select count(*) from doorbraak where bericht_id = ? and ontvanger = ? and lopend = true",
                Integer.class, UUID.fromString(berichtId), ontvanger);
        return open != null && open > 0;
    }

    public Optional<Doorbraak> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from doorbraak where id = ?", DoorbraakStore::map, id).stream().findFirst();
    }

    /** The request, row-locked until the caller's transaction ends (so two decisions cannot both pass). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Doorbraak> lock(UUID id) {
        return jdbc.query("select " + COLUMNS + " from doorbraak where id = ? for update", DoorbraakStore::map, id).stream().findFirst();
    }

    /** Stores the decision of an open request; 409 DOORBRAAK_AL_BEOORDEELD if it was decided meanwhile. */
    public void decide(Doorbraak decided) {
        if (decided.status() == Doorbraak.Status.AANGEVRAAGD) {
            throw new IllegalArgumentException("not a decision");
        }
        int updated = jdbc.update("update doorbraak set status = ?, beoordeeld_door = ?, beoordeeld_op = ?, lopend = null"
                        + " where id = ? and status = 'AANGEVRAAGD'", decided.status().name(), decided.beoordeeldDoor(),
                VerklaringStore.utc(decided.beoordeeldOp()), decided.id());
        if (updated != 1) {
            throw new Rejection(AdminCode.DOORBRAAK_AL_BEOORDEELD);
        }
    }

    /** The most recent requests (at most 500), optionally of one status, newest first. */
    public List<Doorbraak> list(Optional<Doorbraak.Status> status) {
        String sql = "select " + COLUMNS + " from doorbraak" + (status.isPresent() ? " where status = ?" : "")
                + " order by aangevraagd_op desc limit " + LIST_LIMIT;
        return status.isPresent() ? jdbc.query(sql, DoorbraakStore::map, status.get().name()) : jdbc.query(sql, DoorbraakStore::map);
    }

    private static Doorbraak map(ResultSet rs, int row) throws SQLException {
        return new Doorbraak(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class).toString(), rs.getString(3),
                rs.getString(4), instant(rs, 5), rs.getString(6), Doorbraak.Status.valueOf(rs.getString(7)), rs.getString(8),
                instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
