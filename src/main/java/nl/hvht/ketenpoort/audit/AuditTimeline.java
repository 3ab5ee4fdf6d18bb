package nl.hvht.ketenpoort.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit records of one message ({@code audit_record}), as the admin side's message browser shows them: a read
 * model with step, parties, outcome and reason code only.
 */
@Component
public class AuditTimeline {

    private final JdbcClient jdbc;

    /** From the JdbcTemplate, as the other audit classes: the audit slice (AuditWiringIT) has no JdbcClient bean. */
    AuditTimeline(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    /** One audit record of a message. */
    public record Gebeurtenis(long volgnummer, Instant tijdstip, String stap, String ontvanger, String afzender,
            String uitkomst, String reden) {
    }

    /** The message's audit records, oldest first, at most {@code limit}. */
    public List<Gebeurtenis> ofMessage(String berichtId, int limit) {
        return jdbc.sql("select volgnummer, tijdstip, stap, ontvanger, afzender, uitkomst, reden from audit_record"
                        + " where bericht_id = :id order by volgnummer limit :limiet")
                .param("id", berichtId).param("limiet", limit)
                .query((rs, n) -> new Gebeurtenis(rs.getLong("volgnummer"), instant(rs, "tijdstip"), rs.getString("stap"),
                        rs.getString("ontvanger"), rs.getString("afzender"), rs.getString("uitkomst"), rs.getString("reden")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
