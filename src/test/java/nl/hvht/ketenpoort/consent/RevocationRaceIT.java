package nl.hvht.ketenpoort.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Revocation races deliveries under load: many queued messages about one participant are being delivered (the
 * partners answer slowly, so attempts are under way) when the verklaring is revoked. After the revocation's commit
 * (at the latest when the DELETE answers) no partner receives anything more; every delivery not made before is
 * WITHHELD with REVOKED, within one second; and every delivery that was made was allowed before the revocation. The
 * revocation itself waits only until the attempts under way have been recorded, far less than its longest wait.
 */
class RevocationRaceIT extends GatewayTestSupport {

    private static final String ENSCHEDE = "gemeente-enschede";
    private static final String RECLASSERING = "reclassering-nederland";
    private static final int MESSAGES = 40;

    @Autowired
    private JdbcTemplate jdbc;

    @RepeatedTest(3)
    void noDeliveryAfterTheRevocationCommits() throws Exception {
        PARTNERS.stubFor(post(urlPathMatching("/ontvangst/.*")).willReturn(aResponse().withStatus(200)
                .withUniformRandomDelay(100, 300)));
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, ENSCHEDE, RECLASSERING);
        List<String> berichten = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> submitted = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Example overdracht = example("overdracht", deelnemer);
            berichten.add(overdracht.berichtId());
            submitted.add(CompletableFuture.supplyAsync(() -> submit("hvht", overdracht.xml())));
        }
        CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new)).join();
        assertThat(submitted).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(202));
        // Revoke while deliveries are under way: some delivered, most still queued.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> delivered(deelnemer) >= 4);

        Instant revoking = Instant.now();
        HttpResponse<String> revoked = send("hvht", HttpRequest.newBuilder(api("/api/v1/toestemmingen/" + verklaring)).DELETE());
        Instant committed = Instant.now();
        assertThat(revoked.statusCode()).isEqualTo(204);
        // The revocation waited for the attempts under way until their outcomes were recorded, not for its longest wait
        // (intrekking-max-wait, 40 s): a delivery loop never waits for the participant's lock while it holds outcomes.
        assertThat(Duration.between(revoking, committed)).isLessThan(Duration.ofSeconds(10));

        // Within one second every delivery is settled: delivered before, or withheld for the revocation.
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> unsettled(deelnemer) == 0);
        Map<String, Integer> byStatus = byStatus(deelnemer);
        int delivered = byStatus.getOrDefault("DELIVERED", 0);
        assertThat(byStatus).containsOnlyKeys("DELIVERED", "WITHHELD");
        assertThat(delivered + byStatus.get("WITHHELD")).isEqualTo(2 * MESSAGES);
        assertThat(jdbc.queryForList("select distinct z.reden from bezorging z join bericht b on b.bericht_id = z.bericht_id"
                + " where b.deelnemer_id = ? and z.status = 'WITHHELD'", String.class, deelnemer)).containsExactly("REVOKED");

        List<ServeEvent> received = PARTNERS.getAllServeEvents().stream()
                .filter(e -> berichten.contains(e.getRequest().getHeader("Ketenpoort-BerichtId")))
                .toList();
        assertThat(received).as("every delivery reached its partner exactly once").hasSize(delivered);
        assertThat(received).as("no partner received anything after the revocation committed")
                .allSatisfy(e -> assertThat(e.getRequest().getLoggedDate().toInstant()).isBefore(committed));
        assertThat(received.stream().map(e -> e.getRequest().getHeader("Ketenpoort-BerichtId") + e.getRequest().getUrl())
                .collect(Collectors.toSet())).hasSize(delivered);

        // Every delivery that was made was allowed at delivery, before the revocation; none after.
        List<Instant> allowedAtDelivery = jdbc.queryForList("select moment from toestemmingsbesluit where bericht_id in ("
                + berichten.stream().map(b -> "'" + b + "'").collect(Collectors.joining(","))
                + ") and fase = 'BEZORGING' and uitkomst = 'ALLOWED'", java.time.OffsetDateTime.class)
                .stream().map(java.time.OffsetDateTime::toInstant).toList();
        assertThat(allowedAtDelivery).hasSize(delivered).allSatisfy(moment -> assertThat(moment).isBefore(committed));
        System.out.printf("revocation race: %d of %d deliveries made before the revocation, %d withheld%n", delivered,
                2 * MESSAGES, byStatus.get("WITHHELD"));
    }

    private int delivered(String deelnemer) {
        return byStatus(deelnemer).getOrDefault("DELIVERED", 0);
    }

    private int unsettled(String deelnemer) {
        Map<String, Integer> byStatus = byStatus(deelnemer);
        return byStatus.entrySet().stream().filter(e -> !Set.of("DELIVERED", "WITHHELD", "FAILED").contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    private Map<String, Integer> byStatus(String deelnemer) {
        return jdbc.query("select z.status, count(*) from bezorging z join bericht b on b.bericht_id = z.bericht_id"
                        + " where b.deelnemer_id = ? group by z.status",
                rs -> {
                    Map<String, Integer> counts = new java.util.TreeMap<>();
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                    return counts;
                }, deelnemer);
    }
}
