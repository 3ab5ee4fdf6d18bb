package nl.hvht.ketenpoort.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Incidents in table {@code incident}: at most one open row per key (unique constraint on sleutel and open). */
@Component
class JdbcIncidentStore implements IncidentStore {

    private final JdbcClient jdbc;

    JdbcIncidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Incident> open() {
        return jdbc.sql("select id, sleutel, soort, partner, geopend_op, details, laatst_gemeld_op, opgelost_op from incident"
                        + " where open = true order by id")
                .query((rs, n) -> new Incident(rs.getLong("id"), rs.getString("sleutel"),
                        Incident.Soort.valueOf(rs.getString("soort")), rs.getString("partner"), instant(rs, "geopend_op"),
                        rs.getString("details"), instant(rs, "laatst_gemeld_op"), instant(rs, "opgelost_op")))
                .list();
    }

    @Override
    public Optional<Incident> open(Condition condition, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into incident (sleutel, soort, partner, geopend_op, details, open)"
                            + " values (:sleutel, :soort, :partner, :geopendOp, :details, true)")
                    .param("sleutel", condition.sleutel()).param("soort", condition.soort().name())
                    .param("partner", condition.partner(), java.sql.Types.VARCHAR).param("geopendOp", Timestamp.from(now))
                    .param("details", condition.details(), java.sql.Types.VARCHAR)
                    .update(key, "id");
        } catch (DuplicateKeyException openElsewhere) {
            return Optional.empty();
        }
        return Optional.of(new Incident(key.getKey().longValue(), condition.sleutel(), condition.soort(), condition.partner(), now,
                condition.details(), null, null));
    }

    @Override
    public void updateDetails(long id, String details) {
        jdbc.sql("update incident set details = :details where id = :id").param("details", details).param("id", id).update();
    }

    @Override
    public void markNotified(long id, Instant now) {
        jdbc.sql("update incident set laatst_gemeld_op = :op where id = :id").param("op", Timestamp.from(now)).param("id", id)
                .update();
    }

    @Override
    public void resolve(long id, Instant now) {
        jdbc.sql("update incident set opgelost_op = :op, open = null where id = :id and open = true")
                .param("op", Timestamp.from(now)).param("id", id).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    @Override
    public int removeResolvedBefore(Instant before) {
        return jdbc.sql("delete from incident where opgelost_op is not null and opgelost_op < :voor")
                .param("voor", Timestamp.from(before)).update();
    }
}
