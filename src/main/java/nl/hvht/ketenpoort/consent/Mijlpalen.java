package nl.hvht.ketenpoort.consent;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.datatype.XMLGregorianCalendar;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.bericht.v1.Detentieverloop;
import nl.hvht.ketenpoort.bericht.v1.Inhoud;
import nl.hvht.ketenpoort.bericht.v1.Overdracht;
import nl.hvht.ketenpoort.bericht.v1.Trajectplan;
import nl.hvht.ketenpoort.bericht.v1.Uitstroom;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Notes a participant's known release and hand-over dates (table {@code deelnemer_mijlpaal}, migration V6) when a
 * message passes the pipeline, so the expiry warnings can name participants whose consent ends before them: the
 * {@code uitstroom/datum} of an Overdracht ({@link Soort#UITSTROOM}) and the {@code detentie/verwachteUitstroomdatum}
 * of a Trajectplan ({@link Soort#VERWACHTE_UITSTROOM}). One current row per participant and kind: the latest
 * message processed wins.
 */
@Component
public class Mijlpalen {

    /** The kinds of date. Stored by name: never rename. */
    public enum Soort {
        /** Release or transfer date of an Overdracht. */
        UITSTROOM,
        /** Expected release date of a Trajectplan. */
        VERWACHTE_UITSTROOM
    }

    /**
     * A date noted for a participant.
     *
     * @param soort         kind of date
     * @param datum         the date
     * @param bronBerichtId message it came from
     */
    public record Mijlpaal(Soort soort, LocalDate datum, UUID bronBerichtId) {
    }

    private final JdbcClient jdbc;
    /** For the batch upsert only: JdbcClient has no batch. */
    private final NamedParameterJdbcTemplate batch;
    private final Clock clock;

    Mijlpalen(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    /**
     * The dates a message names (none for other message types, or when the section is absent).
     *
     * @param message a validated message
     */
    public static List<Mijlpaal> of(ParsedBericht message) {
        List<Mijlpaal> found = new ArrayList<>(2);
        Inhoud inhoud = message.bericht().getInhoud();
        UUID bron = UUID.fromString(message.envelope().berichtId());
        if (inhoud != null) {
            Optional.ofNullable(inhoud.getOverdracht()).map(Overdracht::getUitstroom).map(Uitstroom::getDatum)
                    .ifPresent(d -> found.add(new Mijlpaal(Soort.UITSTROOM, date(d), bron)));
            Optional.ofNullable(inhoud.getTrajectplan()).map(Trajectplan::getDetentie)
                    .map(Detentieverloop::getVerwachteUitstroomdatum)
                    .ifPresent(d -> found.add(new Mijlpaal(Soort.VERWACHTE_UITSTROOM, date(d), bron)));
        }
        return found;
    }

    /**
     * Notes the dates these validated messages name for their participants, replacing earlier ones of the same kind,
     * in the caller's transaction (the intake committer stores them with the ledger rows). One batch upsert in a fixed
     * order, so two such transactions never deadlock; for one participant and kind the last message wins.
     *
     * @param messages validated messages, in the order they were accepted
     */
    public void recordAll(List<ParsedBericht> messages) {
        java.util.Map<String, MapSqlParameterSource> rows = new java.util.TreeMap<>();
        var now = VerklaringStore.utc(clock.instant());
        for (ParsedBericht message : messages) {
            String deelnemer = message.envelope().deelnemer();
            for (Mijlpaal mijlpaal : of(message)) {
                rows.put(deelnemer + "\u0000" + mijlpaal.soort(), new MapSqlParameterSource("deelnemer", deelnemer)
                        .addValue("soort", mijlpaal.soort().name()).addValue("datum", Date.valueOf(mijlpaal.datum()))
                        .addValue("bron", mijlpaal.bronBerichtId()).addValue("op", now));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        batch.batchUpdate("insert into deelnemer_mijlpaal (deelnemer_id, soort, datum, bron_bericht_id, geregistreerd_op)"
                + " values (:deelnemer, :soort, :datum, :bron, :op) on conflict (deelnemer_id, soort) do update set datum = excluded.datum,"
                + " bron_bericht_id = excluded.bron_bericht_id, geregistreerd_op = excluded.geregistreerd_op",
                rows.values().toArray(MapSqlParameterSource[]::new));
    }

    /** The current dates of one participant. */
    public List<Mijlpaal> ofParticipant(String deelnemer) {
        return jdbc.sql("select soort, datum, bron_bericht_id from deelnemer_mijlpaal where deelnemer_id = :deelnemer order by soort")
                .param("deelnemer", deelnemer)
                .query((rs, n) -> new Mijlpaal(Soort.valueOf(rs.getString("soort")), rs.getObject("datum", LocalDate.class),
                        rs.getObject("bron_bericht_id", UUID.class)))
                .list();
    }

    private static LocalDate date(XMLGregorianCalendar value) {
        return LocalDate.of(value.getYear(), value.getMonth(), value.getDay());
    }
}
