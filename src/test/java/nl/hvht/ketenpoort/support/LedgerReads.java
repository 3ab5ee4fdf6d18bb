package nl.hvht.ketenpoort.support;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What integration tests read back from the gateway's database to check a message's trail: its consent decisions, its
 * receipts, its audit records. Read-only; the tables belong to their packages (consent, delivery, audit).
 */
public final class LedgerReads {

    private final JdbcTemplate jdbc;

    public LedgerReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The consent log of a message: "fase uitkomst grondslag", oldest first. */
    public List<String> consentDecisions(String berichtId) {
        return jdbc.queryForList("select fase || ' ' || uitkomst || ' ' || coalesce(grondslag, 'null') from toestemmingsbesluit"
                + " where bericht_id = ? order by moment, id", String.class, berichtId);
    }

    /** How many receipts (ontvangstbewijs) are stored for a message. */
    public int receiptRows(String berichtId) {
        return jdbc.queryForObject("select count(*) from ontvangstbewijs where bericht_id = ?::uuid", Integer.class, berichtId);
    }

    /** The audit records of a message for one recipient: "stap:uitkomst", in chain order. */
    public List<String> auditSteps(String berichtId, String ontvanger) {
        return jdbc.queryForList("select stap || ':' || uitkomst from audit_record where bericht_id = ? and ontvanger = ?"
                + " order by volgnummer", String.class, berichtId, ontvanger);
    }

    /** How many audit records of a message are of this step. */
    public int auditCount(String berichtId, String stap) {
        return jdbc.queryForObject("select count(*) from audit_record where bericht_id = ? and stap = ?", Integer.class,
                berichtId, stap);
    }

    /** How many audit records of a message are of this step with this outcome. */
    public int auditCount(String berichtId, String stap, String uitkomst) {
        return jdbc.queryForObject("select count(*) from audit_record where bericht_id = ? and stap = ? and uitkomst = ?",
                Integer.class, berichtId, stap, uitkomst);
    }
}
