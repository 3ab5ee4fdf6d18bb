package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An attempt's outcome is fenced by its claim (issue 11): a node whose lease ran out while its POST was under way finds
 * the delivery claimed again by a newer attempt, and its late RETRY or FAILED must neither clear that claim nor end the
 * delivery under it; a late DELIVERED applies (the partner has the message). The copy waits in gemeente-tubbergen's
 * mailbox, so no delivery worker touches the row; the claims are set as {@code DeliveryLedger.claim} leaves them.
 */
class LeaseFenceIT extends GatewayTestSupport {

    private static final String TUBBERGEN = "gemeente-tubbergen";

    @Autowired
    private DeliveryLedger ledger;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aLateRetryOrFailureOfAnOlderClaimChangesNothingWhileTheNewerClaimsOutcomeApplies() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, TUBBERGEN);
        Example plan = trajectplanTo(TUBBERGEN, deelnemer);
        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);
        // node-a claimed it (attempt 1), its lease ran out, node-b claimed it again (attempt 2) and holds it now.
        claimedBy(plan.berichtId(), "node-b", 2);

        Instant now = Instant.now();
        DeliveryLedger.Outcome lateRetry = new DeliveryLedger.Outcome(plan.berichtId(), TUBBERGEN,
                DeliveryLedger.Outcome.Kind.RETRY, "HTTP_503", now.plusSeconds(60), new DeliveryLedger.Outcome.Lease("node-a", 1));
        DeliveryLedger.Outcome lateFailure = new DeliveryLedger.Outcome(plan.berichtId(), TUBBERGEN,
                DeliveryLedger.Outcome.Kind.FAILED, "HTTP_400", null, new DeliveryLedger.Outcome.Lease("node-a", 1));
        assertThat(ledger.settle(List.of(lateRetry, lateFailure), now)).containsExactly(false, false);
        assertThat(row(plan.berichtId())).containsEntry("status", "QUEUED").containsEntry("geclaimd_door", "node-b")
                .containsEntry("pogingen", 2).containsEntry("reden", null);

        // The same outcome under the claim that holds the row applies: a retry frees it for the next attempt.
        DeliveryLedger.Outcome retry = new DeliveryLedger.Outcome(plan.berichtId(), TUBBERGEN,
                DeliveryLedger.Outcome.Kind.RETRY, "HTTP_503", now.plusSeconds(60), new DeliveryLedger.Outcome.Lease("node-b", 2));
        assertThat(ledger.settle(List.of(retry), now)).containsExactly(true);
        assertThat(row(plan.berichtId())).containsEntry("status", "QUEUED").containsEntry("geclaimd_door", null)
                .containsEntry("reden", "HTTP_503");

        // Claimed once more (attempt 3); the late success of attempt 1 still counts, and nothing changes a settled row.
        claimedBy(plan.berichtId(), "node-b", 3);
        DeliveryLedger.Outcome lateSuccess = new DeliveryLedger.Outcome(plan.berichtId(), TUBBERGEN,
                DeliveryLedger.Outcome.Kind.DELIVERED, null, null);
        DeliveryLedger.Outcome newerFailure = new DeliveryLedger.Outcome(plan.berichtId(), TUBBERGEN,
                DeliveryLedger.Outcome.Kind.FAILED, "HTTP_400", null, new DeliveryLedger.Outcome.Lease("node-b", 3));
        assertThat(ledger.settle(List.of(lateSuccess), now)).containsExactly(true);
        assertThat(ledger.settle(List.of(newerFailure), now)).containsExactly(false);
        assertThat(row(plan.berichtId())).containsEntry("status", "DELIVERED").containsEntry("geclaimd_door", null);
    }

    private void claimedBy(String berichtId, String node, int pogingen) {
        jdbc.update("update bezorging set geclaimd_door = ?, pogingen = ?, poging_sinds = now(),"
                + " geclaimd_tot = now() + interval '1 minute' where bericht_id = ?::uuid and ontvanger = ?",
                node, pogingen, berichtId, TUBBERGEN);
    }

    private Map<String, Object> row(String berichtId) {
        return jdbc.queryForMap("select status, reden, pogingen, geclaimd_door from bezorging where bericht_id = ?::uuid"
                + " and ontvanger = ?", berichtId, TUBBERGEN);
    }
}
