package nl.hvht.ketenpoort.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Incidents in table {@code incident}: at most one open row per key (unique constraint on sleutel and open). */
@Component
class JdbcIncidentStore implements IncidentStore {

    private final JdbcTemplate jdbc;

    JdbcIncidentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Incident> open() {
        return jdbc.query("select id, sleutel, soort, partner, geopend_op, details, laatst_gemeld_op, opgelost_op from incident"
                + " where open = true order by id", (rs, n) -> new Incident(rs.getLong(1), rs.getString(2), Incident.Soort.valueOf(rs.getString(3)),
                rs.getString(4), instant(rs.getObject(5, OffsetDateTime.class)), rs.getString(6),
                instant(rs.getObject(7, OffsetDateTime.class)), instant(rs.getObject(8, OffsetDateTime.class))));
    }

    @Override
    public Optional<Incident> open(Condition condition, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.update(connection -> {
                var insert = connection.prepareStatement("insert into incident (sleutel, soort, partner, geopend_op, details, open)"
                        + " values (?, ?, ?, ?, ?, true)", new String[] {"id"});
                insert.setString(1, condition.sleutel());
                insert.setString(2, condition.soort().name());
                insert.setString(3, condition.partner());
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setString(5, condition.details());
                return insert;
            }, key);
        } catch (DuplicateKeyException openElsewhere) {
            return Optional.empty();
        }
        return Optional.of(new Incident(key.getKey().longValue(), condition.sleutel(), condition.soort(), condition.partner(), now,
                condition.details(), null, null));
    }

    @Override
    public void updateDetails(long id, String details) {
        jdbc.update("update incident set details = ? where id = ?", details, id);
    }

    @Override
    public void markNotified(long id, Instant now) {
        jdbc.update("update incident set laatst_gemeld_op = ? where id = ?", Timestamp.from(now), id);
    }

    @Override
    public void resolve(long id, Instant now) {
        jdbc.update("update incident set opgelost_op = ?, open = null where id = ? and open = true", Timestamp.from(now), id);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    @Override
    public int removeResolvedBefore(Instant before) {
        return jdbc.update("delete from incident where opgelost_op is not null and opgelost_op < ?",
                java.sql.Timestamp.from(before));
    }
}
