package nl.hvht.ketenpoort.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The consent log ({@code toestemmingsbesluit}) of one message, as the admin side's message browser shows it: a read
 * model of codes and ids (the log itself is written by {@link ConsentLog}).
 */
@Component
public class ConsentDecisions {

    private final JdbcClient jdbc;

    ConsentDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One consent decision of a message. */
    public record Besluit(Instant moment, String ontvanger, String fase, String uitkomst, String reden, String grondslag,
            String verklaringId, Integer verklaringVersie, String ingehouden, String categorieen, String doel) {
    }

    /** The message's consent decisions, oldest first, at most {@code limit}. */
    public List<Besluit> ofMessage(String berichtId, int limit) {
        return jdbc.sql("select moment, ontvanger, fase, uitkomst, reden, grondslag, verklaring_id, verklaring_versie,"
                        + " ingehouden, categorieen, doel from toestemmingsbesluit where bericht_id = :id"
                        + " order by moment, id limit :limiet")
                .param("id", berichtId).param("limiet", limit)
                .query((rs, n) -> {
                    Object verklaring = rs.getObject("verklaring_id");
                    return new Besluit(instant(rs, "moment"), rs.getString("ontvanger"), rs.getString("fase"),
                            rs.getString("uitkomst"), rs.getString("reden"), rs.getString("grondslag"),
                            verklaring == null ? null : verklaring.toString(), rs.getObject("verklaring_versie", Integer.class),
                            rs.getString("ingehouden"), rs.getString("categorieen"), rs.getString("doel"));
                })
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
