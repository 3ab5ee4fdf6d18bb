package nl.hvht.ketenpoort.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.consent.DeliveryHistory;
import nl.hvht.ketenpoort.consent.DisclosureReport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ledger's answer to the disclosure report: the deliveries of the messages about one participant. */
@Component
class LedgerHistory implements DeliveryHistory {

    private static final String ABOUT_PARTICIPANT = """
            select b.bericht_id, b.bericht_type, b.afzender, b.doel, b.categorieen, b.ontvangen_op,
                   z.ontvanger, z.status, z.reden, z.grondslag, z.ingehouden, z.bijgewerkt_op
              from bericht b
              join bezorging z on z.bericht_id = b.bericht_id
             where b.deelnemer_id = :deelnemer
             order by b.ontvangen_op, b.bericht_id, z.ontvanger
            """;

    private final JdbcClient jdbc;

    LedgerHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<DisclosureReport.BezorgingRij> deliveriesAbout(String deelnemer) {
        return jdbc.sql(ABOUT_PARTICIPANT).param("deelnemer", deelnemer).query((rs, n) -> row(rs)).list();
    }

    private static DisclosureReport.BezorgingRij row(ResultSet rs) throws SQLException {
        return new DisclosureReport.BezorgingRij(rs.getObject("bericht_id", UUID.class), rs.getString("bericht_type"),
                rs.getString("afzender"), rs.getString("doel"), rs.getString("categorieen"), Rows.instant(rs, "ontvangen_op"),
                rs.getString("ontvanger"), DeliveryStatus.valueOf(rs.getString("status")), rs.getString("reden"),
                rs.getString("grondslag"), rs.getString("ingehouden"), Rows.instant(rs, "bijgewerkt_op"));
    }
}
