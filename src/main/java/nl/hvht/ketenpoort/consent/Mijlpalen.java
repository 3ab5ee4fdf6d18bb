package nl.hvht.ketenpoort.consent;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.datatype.XMLGregorianCalendar;
import nl.hvht.ketenpoort.bericht.ParsedMessage;
import nl.hvht.ketenpoort.bericht.v1.Detentieverloop;
import nl.hvht.ketenpoort.bericht.v1.Inhoud;
import nl.hvht.ketenpoort.bericht.v1.Overdracht;
import nl.hvht.ketenpoort.bericht.v1.Trajectplan;
import nl.hvht.ketenpoort.bericht.v1.Uitstroom;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    Mijlpalen(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * The dates a message names (none for other message types, or when the section is absent).
     *
     * @param message a validated message
     */
    public static List<Mijlpaal> of(ParsedMessage message) {
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
     * Notes the dates a validated message names for its participant, replacing earlier ones of the same kind. Call it
     * once the message is accepted (after the ledger stored it). Runs in its own transaction(s), so it neither joins
     * nor spoils the caller's: two messages for one participant at once both succeed (the later commit wins).
     *
     * @param message a validated message
     */
    public void noteFrom(ParsedMessage message) {
        String deelnemer = message.envelope().deelnemer();
        for (Mijlpaal mijlpaal : of(message)) {
            try {
                ownTransaction.executeWithoutResult(status -> upsert(deelnemer, mijlpaal));
            } catch (DuplicateKeyException concurrentInsert) {
                // Another message inserted the row between our update and insert: now the update finds it.
                ownTransaction.executeWithoutResult(status -> upsert(deelnemer, mijlpaal));
            }
        }
    }

    /** The current dates of one participant. */
    public List<Mijlpaal> ofParticipant(String deelnemer) {
        return jdbc.query("select soort, datum, bron_bericht_id from deelnemer_mijlpaal where deelnemer_id = ? order by soort",
                (rs, n) -> new Mijlpaal(Soort.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, UUID.class)), deelnemer);
    }

    private void upsert(String deelnemer, Mijlpaal mijlpaal) {
        var now = VerklaringStore.utc(clock.instant());
        int updated = jdbc.update("update deelnemer_mijlpaal set datum = ?, bron_bericht_id = ?, geregistreerd_op = ?"
                        + " where deelnemer_id = ? and soort = ?",
                Date.valueOf(mijlpaal.datum()), mijlpaal.bronBerichtId(), now, deelnemer, mijlpaal.soort().name());
        if (updated == 0) {
            jdbc.update("insert into deelnemer_mijlpaal (deelnemer_id, soort, datum, bron_bericht_id, geregistreerd_op)"
                            + " values (?, ?, ?, ?, ?)",
                    deelnemer, mijlpaal.soort().name(), Date.valueOf(mijlpaal.datum()), mijlpaal.bronBerichtId(), now);
        }
    }

    private static LocalDate date(XMLGregorianCalendar value) {
        return LocalDate.of(value.getYear(), value.getMonth(), value.getDay());
    }
}
