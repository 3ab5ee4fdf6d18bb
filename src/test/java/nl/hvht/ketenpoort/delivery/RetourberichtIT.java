package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import nl.hvht.ketenpoort.bericht.BerichtSchema;
import nl.hvht.ketenpoort.bericht.v1.Bericht;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.bericht.v1.Ontvangeruitkomst;
import nl.hvht.ketenpoort.bericht.v1.Retourbericht;
import nl.hvht.ketenpoort.intake.RefusalChecks;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Return messages (issue 12): a partner that wants them (the test registry: {@link #RETOUR_PARTNER}) gets ONE signed
 * Retourbericht from the gateway per message once every recipient has settled, with per recipient the outcome and its
 * code; one that does not want them gets none; re-settling and a repeated sweep make no second one. A Retourbericht a
 * partner sends goes on the technical ground to the sender of the message it answers, and only there.
 */
class RetourberichtIT extends GatewayTestSupport {

    private static final String GROUND = "wettelijke-taak:technisch-retourbericht";
    private static final String RECLASSERING = "reclassering-nederland";
    private static final String ENSCHEDE = "gemeente-enschede";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Retourberichten retourberichten;

    @Autowired
    private BerichtSchema schema;

    private RefusalChecks checks;

    @BeforeEach
    void checks() {
        checks = new RefusalChecks(jdbc, PARTNERS);
    }

    @Test
    void theSenderGetsOneSignedRetourberichtWithEveryRecipientsOutcomeOnceAllHaveSettled() throws Exception {
        String deelnemer = newParticipant();
        // reclassering may have everything but detentie and risico (cut from its copy); enschede has no consent at all.
        registerConsent(deelnemer, List.of(RECLASSERING), Set.of("identificatie", "leefgebieden"), ALL_PURPOSES);
        Example plan = trajectplan(deelnemer, RETOUR_PARTNER);

        assertThat(submit(RETOUR_PARTNER, plan.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(RETOUR_PARTNER, plan.berichtId())).isEqualTo(Map.of(RECLASSERING, "DELIVERED", ENSCHEDE, "WITHHELD"));

        String retour = awaitRetourbericht(plan.berichtId());
        List<LoggedRequest> received = ENDPOINTS.awaitPosts(RETOUR_PARTNER, retour);
        assertThat(received).hasSize(1);
        byte[] content = ReceivedSignature.verify(received.get(0).getBody()); // signed by the gateway, PKIX to the example CA
        Bericht parsed = (Bericht) schema.jaxbContext().createUnmarshaller().unmarshal(new java.io.ByteArrayInputStream(content));
        assertThat(parsed.getEnvelop().getAfzender()).isEqualTo("ketenpoort");
        assertThat(parsed.getEnvelop().getOntvanger()).containsExactly(RETOUR_PARTNER);
        assertThat(parsed.getEnvelop().getCorrelatieId()).isEqualTo(plan.berichtId());
        assertThat(parsed.getEnvelop().getDeelnemer()).isEqualTo(deelnemer);
        assertThat(parsed.getVerstrekking().getOntvanger()).isEqualTo(RETOUR_PARTNER);
        Retourbericht body = parsed.getInhoud().getRetourbericht();
        assertThat(body.getReferentieBerichtId()).isEqualTo(plan.berichtId());
        assertThat(body.getCode()).isEqualTo("PARTLY_DELIVERED");
        assertThat(body.getUitkomst()).extracting(RetourberichtIT::outcome).containsExactly(
                "gemeente-enschede WITHHELD NO_CONSENT [detentie, identificatie, leefgebieden, risico]",
                "reclassering-nederland DELIVERED DELIVERED [detentie, risico]");
        assertThat(new String(content, java.nio.charset.StandardCharsets.UTF_8))
                .contains("<wettelijkeTaak>technisch-retourbericht</wettelijkeTaak>");

        // Its ground, without any consent naming the sender: at creation and again before the attempt.
        assertThat(ledger().consentDecisions(retour)).containsExactly("INTAKE ALLOWED " + GROUND, "BEZORGING ALLOWED " + GROUND);
        assertThat(jdbc.queryForList("select stap || ' ' || coalesce(reden, '') from audit_record where bericht_id = ?"
                        + " order by volgnummer", String.class, retour))
                .startsWith("RETURN_MESSAGE_CREATED retourbericht-voor:" + plan.berichtId(), "CONSENT_DECISION INTAKE " + GROUND,
                        "QUEUED bezorging." + RETOUR_PARTNER)
                .contains("DELIVERED ");
        // The sender's status lists it with the message's answers.
        JsonNode antwoorden = json(get(RETOUR_PARTNER, "/api/v1/berichten/" + plan.berichtId())).get("antwoorden");
        assertThat(antwoorden).hasSize(1);
        assertThat(antwoorden.get(0).get("berichtId").asText()).isEqualTo(retour);
        assertThat(antwoorden.get(0).get("berichtType").asText()).isEqualTo("Retourbericht");
        assertThat(antwoorden.get(0).get("afzender").asText()).isEqualTo("ketenpoort");
        assertThat(antwoorden.get(0).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void aSenderThatDoesNotWantThemGetsNone() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, RECLASSERING, ENSCHEDE);
        Example fromHvht = trajectplan(deelnemer, "hvht");
        Example fromPartner = trajectplan(deelnemer, RETOUR_PARTNER);

        assertThat(submit("hvht", fromHvht.xml()).statusCode()).isEqualTo(202);
        assertThat(submit(RETOUR_PARTNER, fromPartner.xml()).statusCode()).isEqualTo(202);
        awaitSettled("hvht", fromHvht.berichtId());
        awaitSettled(RETOUR_PARTNER, fromPartner.berichtId());
        awaitRetourbericht(fromPartner.berichtId());
        retourberichten.sweep(); // once more, after both settled

        assertThat(retourFor(fromHvht.berichtId())).isEmpty();
        assertThat(jdbc.queryForObject("select retour_open from bericht where bericht_id = ?::uuid", Boolean.class,
                fromHvht.berichtId())).as("never open").isNull();
        assertThat(json(get("hvht", "/api/v1/berichten/" + fromHvht.berichtId())).get("antwoorden")).isEmpty();
    }

    @Test
    void aRetourberichtGetsNoRetourberichtOfItsOwn() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, RETOUR_PARTNER);
        String plan = deliveredTrajectplan(deelnemer, RETOUR_PARTNER);
        Example retour = retourbericht(deelnemer, RETOUR_PARTNER, plan);

        assertThat(submit(RETOUR_PARTNER, retour.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(RETOUR_PARTNER, retour.berichtId())).isEqualTo(Map.of("hvht", "DELIVERED"));
        retourberichten.sweep();

        assertThat(jdbc.queryForObject("select retour_open from bericht where bericht_id = ?::uuid", Boolean.class,
                retour.berichtId())).as("never open").isNull();
        assertThat(retourFor(retour.berichtId())).isEmpty();
    }

    @Test
    void reSettlingARepeatedSweepAndALeftOverOpenMarkMakeNoSecondRetourbericht() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, RECLASSERING, ENSCHEDE);
        Example plan = trajectplan(deelnemer, RETOUR_PARTNER);
        assertThat(submit(RETOUR_PARTNER, plan.xml()).statusCode()).isEqualTo(202);
        awaitSettled(RETOUR_PARTNER, plan.berichtId());
        String retour = awaitRetourbericht(plan.berichtId());

        // A delivery that is due again (as after a manual retry) settles a second time: still the one Retourbericht.
        jdbc.update("update bezorging set status = 'QUEUED', volgende_poging = now() where bericht_id = ?::uuid and ontvanger = ?",
                plan.berichtId(), ENSCHEDE);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(jdbc.queryForObject(
                "select status from bezorging where bericht_id = ?::uuid and ontvanger = ?", String.class, plan.berichtId(), ENSCHEDE)));
        retourberichten.sweep();
        // The open mark back (which one commit with the Retourbericht never leaves): it is cleared, nothing is made.
        jdbc.update("update bericht set retour_open = true where bericht_id = ?::uuid", plan.berichtId());
        retourberichten.sweep();

        assertThat(retourFor(plan.berichtId())).containsExactly(retour);
        assertThat(jdbc.queryForObject("select retour_open from bericht where bericht_id = ?::uuid", Boolean.class, plan.berichtId()))
                .isNull();
        assertThat(ENDPOINTS.awaitPosts(RETOUR_PARTNER, retour)).hasSize(1);
    }

    @Test
    void sweepsRacingOnSeveralNodesMakeExactlyOneEach() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, RECLASSERING, ENSCHEDE);
        List<Example> plans = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Example plan = trajectplan(deelnemer, RETOUR_PARTNER);
            assertThat(submit(RETOUR_PARTNER, plan.xml()).statusCode()).isEqualTo(202);
            plans.add(plan);
        }
        // Three sweeps at once (as on three nodes), besides the gateway's own, while the messages settle.
        java.util.concurrent.atomic.AtomicBoolean allMade = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<CompletableFuture<Integer>> sweeps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sweeps.add(CompletableFuture.supplyAsync(() -> {
                java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    made.addAndGet(retourberichten.sweep());
                    return allMade.get();
                });
                return made.get();
            }, nodes));
        }
        try {
            plans.forEach(plan -> awaitSettled(RETOUR_PARTNER, plan.berichtId()));
            plans.forEach(plan -> awaitRetourbericht(plan.berichtId()));
        } finally {
            allMade.set(true);
            nodes.shutdown();
        }
        sweeps.forEach(CompletableFuture::join); // none failed

        for (Example plan : plans) {
            assertThat(retourFor(plan.berichtId())).hasSize(1);
            assertThat(ENDPOINTS.awaitPosts(RETOUR_PARTNER, retourFor(plan.berichtId()).get(0))).hasSize(1);
        }
    }

    // ---- a Retourbericht from a partner ---------------------------------------------------------------------------

    @Test
    void aPartnersRetourberichtGoesToTheOriginalSenderOnTheTechnicalGroundWithoutConsent() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, ENSCHEDE); // nothing names hvht
        String plan = deliveredTrajectplan(deelnemer, ENSCHEDE);
        Example retour = retourbericht(deelnemer, ENSCHEDE, plan);
        assertThat(retour.xml()).doesNotContain("<ontvanger>");

        HttpResponse<String> response = submit(ENSCHEDE, retour.xml());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("antwoordOp").get("berichtId").asText()).isEqualTo(plan);
        assertThat(awaitSettled(ENSCHEDE, retour.berichtId())).isEqualTo(Map.of("hvht", "DELIVERED"));
        assertThat(ledger().consentDecisions(retour.berichtId())).containsExactly("INTAKE ALLOWED " + GROUND, "BEZORGING ALLOWED " + GROUND);
        assertThat(jdbc.queryForList("select reden from audit_record where bericht_id = ? and stap = 'CONSENT_DECISION'"
                + " order by volgnummer", String.class, retour.berichtId())).containsExactly("INTAKE " + GROUND, "BEZORGING " + GROUND);
        List<LoggedRequest> received = ENDPOINTS.awaitPosts("hvht", retour.berichtId());
        assertThat(received).hasSize(1);
        assertThat(new String(ReceivedSignature.verify(received.get(0).getBody()), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<wettelijkeTaak>technisch-retourbericht</wettelijkeTaak>").doesNotContain("<toestemming>");
    }

    @Test
    void aPartnersRetourberichtToAnyoneElseOrAboutAMessageItNeverReceivedIsRefused() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, ENSCHEDE, RECLASSERING);
        String plan = deliveredTrajectplan(deelnemer, ENSCHEDE);

        Example elsewhere = retourbericht(deelnemer, ENSCHEDE, plan);
        long before = checks.auditHead();
        HttpResponse<String> response = submit(ENSCHEDE, elsewhere.xml().replace("<afzender>gemeente-enschede</afzender>",
                "<afzender>gemeente-enschede</afzender>\n    <ontvanger>reclassering-nederland</ontvanger>"));
        checks.assertRefused(response, RejectionCode.ANTWOORD_ONTVANGER_ONJUIST, elsewhere.berichtId(), ENSCHEDE, before, deelnemer);

        // reclassering never received that trajectplan
        Example notReceived = retourbericht(deelnemer, RECLASSERING, plan);
        before = checks.auditHead();
        checks.assertRefused(submit(RECLASSERING, notReceived.xml()), RejectionCode.CORRELATIE_ONBEKEND, notReceived.berichtId(),
                RECLASSERING, before, deelnemer);

        Example unknown = retourbericht(deelnemer, ENSCHEDE, UUID.randomUUID().toString());
        before = checks.auditHead();
        checks.assertRefused(submit(ENSCHEDE, unknown.xml()), RejectionCode.CORRELATIE_ONBEKEND, unknown.berichtId(), ENSCHEDE,
                before, deelnemer);

        Example otherReference = retourbericht(deelnemer, ENSCHEDE, plan);
        before = checks.auditHead();
        checks.assertRefused(submit(ENSCHEDE, otherReference.xml().replaceFirst("<referentieBerichtId>[^<]+</referentieBerichtId>",
                        "<referentieBerichtId>" + UUID.randomUUID() + "</referentieBerichtId>")),
                RejectionCode.CORRELATIE_ONBEKEND, otherReference.berichtId(), ENSCHEDE, before, deelnemer);

        Example uncorrelated = retourbericht(deelnemer, ENSCHEDE, plan);
        before = checks.auditHead();
        checks.assertRefused(submit(ENSCHEDE, uncorrelated.xml().replaceFirst("\\s*<correlatieId>[^<]+</correlatieId>", "")),
                RejectionCode.CORRELATIE_ONBEKEND, uncorrelated.berichtId(), ENSCHEDE, before, deelnemer);
        assertThat(json(get("hvht", "/api/v1/berichten/" + plan)).get("antwoorden")).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** The example trajectplan (to reclassering-nederland and gemeente-enschede) from this sender. */
    private static Example trajectplan(String deelnemer, String sender) {
        Example plan = example("trajectplan", deelnemer);
        return new Example(plan.berichtId(), plan.xml().replace("<afzender>hvht</afzender>", "<afzender>" + sender + "</afzender>"));
    }

    /** The example trajectplan from hvht to this recipient only, posted and awaited until DELIVERED. */

    private List<String> retourFor(String berichtId) {
        return jdbc.queryForList("select bericht_id::text from bericht where retour_voor = ?::uuid", String.class, berichtId);
    }

    private String awaitRetourbericht(String berichtId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !retourFor(berichtId).isEmpty());
        return retourFor(berichtId).get(0);
    }

    /** The consent log of a message: "fase uitkomst grondslag", oldest first. */

    private static String outcome(Ontvangeruitkomst u) {
        return u.getOntvanger() + " " + u.getStatus().value() + " " + u.getCode().value() + " "
                + u.getIngehouden().stream().map(c -> c.value()).toList();
    }
}
