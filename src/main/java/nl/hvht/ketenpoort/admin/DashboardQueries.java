package nl.hvht.ketenpoort.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.delivery.LedgerFigures;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures in its time windows. The figures come from the ledger's owner ({@link LedgerFigures}, which
 * holds their SQL); metadata only, never a body or a participant.
 */
@Component
class DashboardQueries {

    /** Time windows of the traffic figures. */
    enum Venster {
        UUR(Duration.ofHours(1)), DAG(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

        final Duration lengte;

        Venster(Duration lengte) {
            this.lengte = lengte;
        }

        static Venster of(String code) {
            for (Venster v : values()) {
                if (v.name().equalsIgnoreCase(code)) {
                    return v;
                }
            }
            return DAG;
        }
    }

    private final LedgerFigures figures;

    DashboardQueries(LedgerFigures figures) {
        this.figures = figures;
    }

    /** Traffic per partner and message type in the window, by partner then type. */
    List<LedgerFigures.Verkeer> verkeer(Venster venster) {
        return figures.verkeer(venster.lengte);
    }

    /** Delivery state per recipient that has had traffic in the week or has open deliveries. */
    Map<String, LedgerFigures.Ontvanger> ontvangers() {
        return figures.ontvangers();
    }
}
