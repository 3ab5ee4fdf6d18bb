package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The console (issue 5): login with password and TOTP, sessions with CSRF, throttling, the dashboard. */
class AdminConsoleIT extends GatewayTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void passwordAndTotpLeadToTheDashboardInASecureSession() {
        Admin kijker = newAdmin("KIJKER");
        HttpResponse<String> unauthenticated = adminSend(newAdminClient(), HttpRequest.newBuilder(adminUri("/beheer/")).GET());
        assertThat(unauthenticated.statusCode()).isEqualTo(302);
        assertThat(location(unauthenticated)).isEqualTo("/beheer/inloggen");

        AdminSession session = adminLogin(kijker, null);
        assertThat(session.landing()).isEqualTo("/beheer/");
        HttpResponse<String> dashboard = adminSend(session.client(), HttpRequest.newBuilder(adminUri("/beheer/")).GET());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<h1>Dashboard</h1>").contains("hx-get=\"/beheer/dashboard/verkeer?venster=dag\"")
                .contains("hx-headers=").contains("Ingelogd als " + kijker.naam());
        assertThat(dashboard.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        // the same session serves the JSON API
        assertThat(adminSend(session.client(), HttpRequest.newBuilder(adminUri("/beheer/api/v1/doorbraken")).GET()).statusCode()).isEqualTo(200);
        // assets come from the gateway itself (webjars), not from a CDN
        assertThat(adminSend(newAdminClient(), HttpRequest.newBuilder(adminUri("/webjars/htmx.org/dist/htmx.min.js")).GET()).statusCode()).isEqualTo(200);
        assertThat(adminSend(newAdminClient(), HttpRequest.newBuilder(adminUri("/webjars/chart.js/dist/chart.umd.js")).GET()).statusCode()).isEqualTo(200);

        assertThat(loginAudit(kijker.naam(), "OK")).isEqualTo(1);

        // the session cookie: Secure, HttpOnly, SameSite=Strict
        HttpResponse<String> loginPage = adminSend(newAdminClient(), HttpRequest.newBuilder(adminUri("/beheer/inloggen")).GET());
        assertThat(loginPage.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("KETENPOORT_BEHEER=").contains("Secure").contains("HttpOnly").contains("SameSite=Strict"));

        // logout (with the CSRF token) ends the session and is audit-logged
        HttpResponse<String> logout = adminSend(session.client(), form(adminUri("/beheer/uitloggen"), Map.of("_csrf", session.csrf())));
        assertThat(location(logout)).isEqualTo("/beheer/inloggen?uitgelogd");
        assertThat(adminSend(session.client(), HttpRequest.newBuilder(adminUri("/beheer/api/v1/doorbraken")).GET()).statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'ADMIN_LOGOUT' and afzender = ?", Integer.class,
                "beheerder:" + kijker.naam())).isEqualTo(1);
    }

    @Test
    void aWrongOrReplayedTotpCodeIsRefusedAndAudited() {
        Admin beheerder = newAdmin("BEHEERDER");
        String right = totp(beheerder.totpGeheim(), Instant.now());
        String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
        AdminSession refused = adminLogin(beheerder, wrong);
        assertThat(refused.landing()).isEqualTo("/beheer/tweede-stap?fout");
        assertThat(refused.csrf()).isNull();
        // half logged in: nothing but the code page
        assertThat(adminSend(refused.client(), HttpRequest.newBuilder(adminUri("/beheer/api/v1/doorbraken")).GET()).statusCode()).isEqualTo(403);
        HttpResponse<String> page = adminSend(refused.client(), HttpRequest.newBuilder(adminUri("/beheer/")).GET());
        assertThat(location(page)).isEqualTo("/beheer/tweede-stap");
        assertThat(loginAudit(beheerder.naam(), "TOTP_FOUT")).isEqualTo(1);
        assertThat(loginAudit(beheerder.naam(), "OK")).isZero();

        // the right code logs in once; the same code again (replay) is refused
        String code = totp(beheerder.totpGeheim(), Instant.now());
        assertThat(adminLogin(beheerder, code).landing()).isEqualTo("/beheer/");
        assertThat(adminLogin(beheerder, code).landing()).isEqualTo("/beheer/tweede-stap?fout");
        assertThat(loginAudit(beheerder.naam(), "TOTP_FOUT")).isEqualTo(2);
        // no audit record holds a code
        assertThat(jdbc.queryForObject("select count(*) from audit_record where reden like ? or uitkomst like ?", Integer.class,
                "%" + code + "%", "%" + code + "%")).isZero();
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() {
        Admin beheerder = newAdmin("BEHEERDER");
        AdminSession session = adminSession(beheerder);
        Map<String, String> body = Map.of("berichtId", UUID.randomUUID().toString(), "ontvanger", "gemeente-enschede",
                "motivering", "Een motivering die lang genoeg is voor de controle.");
        HttpResponse<String> withoutToken = adminSend(session.client(), HttpRequest.newBuilder(adminUri("/beheer/api/v1/doorbraken"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(json(withoutToken).get("code").asText()).isEqualTo("FORBIDDEN");
        HttpResponse<String> wrongToken = adminSend(session.client(), HttpRequest.newBuilder(adminUri("/beheer/api/v1/doorbraken"))
                .header("Content-Type", "application/json").header("X-CSRF-TOKEN", "not-the-token")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        // with the token the request reaches the controller (unknown message: 409, not 403)
        assertThat(adminPost(beheerder, "/beheer/api/v1/doorbraken", body).statusCode()).isEqualTo(409);
        // logout without a token does nothing
        HttpResponse<String> logout = adminSend(session.client(), HttpRequest.newBuilder(adminUri("/beheer/uitloggen"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).isEqualTo(403);
        assertThat(adminGet(beheerder, "/beheer/api/v1/doorbraken").statusCode()).isEqualTo(200);
    }

    @Test
    void aKijkerCannotApproveABreakGlassRequest() {
        Admin kijker = newAdmin("KIJKER");
        assertThat(adminSession(kijker).csrf()).isNotBlank();
        HttpResponse<String> approval = adminPost(kijker, "/beheer/api/v1/doorbraken/" + UUID.randomUUID() + "/goedkeuring", null);
        assertThat(approval.statusCode()).isEqualTo(403);
        assertThat(json(approval).get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(adminGet(kijker, "/beheer/dashboard/ontvangers").statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardCountsADeliveredMessage() {
        Admin kijker = newAdmin("KIJKER");
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "transfore");
        long deliveredBefore = count(adminGet(kijker, "/beheer/dashboard/verkeer?venster=uur").body(), "transfore", "Verwijzing", "bezorgd");
        long receivedBefore = count(adminGet(kijker, "/beheer/dashboard/verkeer?venster=uur").body(), "hvht", "Verwijzing", "ontvangen");

        Example verwijzing = example("verwijzing", deelnemer);
        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(statuses("hvht", verwijzing.berichtId()).get("transfore")));

        String fragment = adminGet(kijker, "/beheer/dashboard/verkeer?venster=uur").body();
        assertThat(count(fragment, "transfore", "Verwijzing", "bezorgd")).isEqualTo(deliveredBefore + 1);
        assertThat(count(fragment, "hvht", "Verwijzing", "ontvangen")).isEqualTo(receivedBefore + 1);
        assertThat(fragment).doesNotContain(deelnemer);
        assertThat(json(adminGet(kijker, "/beheer/dashboard/grafiek?venster=uur")).get("partners").toString()).contains("transfore");

        String recipients = adminGet(kijker, "/beheer/dashboard/ontvangers").body();
        assertThat(recipients).contains("data-partner=\"transfore\"").contains("Dode brieven: ");
        assertThat(adminGet(kijker, "/beheer/dashboard/verloopt").statusCode()).isEqualTo(200);
    }

    @Test
    void fiveFailedLoginsLockTheAccount() {
        Admin beheerder = newAdmin("BEHEERDER");
        Admin wrong = new Admin(beheerder.naam(), "wrong-password", beheerder.totpGeheim());
        for (int i = 1; i <= 4; i++) {
            assertThat(adminLogin(wrong, null).landing()).as("attempt %d", i).isEqualTo("/beheer/inloggen?fout");
        }
        assertThat(adminLogin(wrong, null).landing()).isEqualTo("/beheer/inloggen?geblokkeerd");
        // now even the right password is refused, without being checked
        AdminSession locked = adminLogin(beheerder, null);
        assertThat(locked.landing()).isEqualTo("/beheer/inloggen?geblokkeerd");
        assertThat(locked.csrf()).isNull();
        assertThat(loginAudit(beheerder.naam(), "WACHTWOORD_FOUT")).isEqualTo(5);
        assertThat(loginAudit(beheerder.naam(), "GEBLOKKEERD")).isEqualTo(2);
        assertThat(loginAudit(beheerder.naam(), "OK")).isZero();
        // an unknown name is audited without the name (it might be a password typed in the wrong field)
        String typo = "nobody-" + UUID.randomUUID();
        assertThat(adminLogin(new Admin(typo, "x"), null).landing()).isEqualTo("/beheer/inloggen?fout");
        assertThat(jdbc.queryForObject("select count(*) from audit_record where afzender like ?", Integer.class, "%" + typo + "%")).isZero();
    }

    @Test
    void failuresUnderAnotherSpellingOfTheNameDoNotLockTheAccount() {
        Admin kijker = newAdmin("KIJKER");
        for (String variant : java.util.List.of(kijker.naam().toUpperCase() + " ", " " + kijker.naam(), kijker.naam() + " ")) {
            Admin spoof = new Admin(variant, "wrong-password", null);
            for (int i = 0; i < 6; i++) {
                adminLogin(spoof, null);
            }
        }
        AdminSession real = adminLogin(kijker, null);
        assertThat(real.landing()).as("the real name, exactly as stored, is not locked").isEqualTo("/beheer/");
        assertThat(real.csrf()).isNotNull();
        assertThat(loginAudit(kijker.naam(), "GEBLOKKEERD")).isZero();
        assertThat(loginAudit(kijker.naam(), "OK")).isEqualTo(1);
    }

    @Test
    void aLockIsAuditLoggedWithWhatItCoversAndItsEndToo() {
        Admin beheerder = newAdmin("BEHEERDER");
        Admin wrong = new Admin(beheerder.naam(), "wrong-password", beheerder.totpGeheim());
        for (int i = 0; i < 5; i++) {
            adminLogin(wrong, null);
        }
        assertThat(jdbc.queryForList("select reden from audit_record where stap = 'ADMIN_LOGIN' and afzender = ? and uitkomst = 'GEBLOKKEERD'",
                String.class, "beheerder:" + beheerder.naam()))
                .singleElement().asString().startsWith("adres:127.0.0.1 blokkade:NAAM_EN_ADRES tot:");
    }

    private int loginAudit(String naam, String uitkomst) {
        return jdbc.queryForObject("select count(*) from audit_record where stap = 'ADMIN_LOGIN' and afzender = ? and uitkomst = ?",
                Integer.class, "beheerder:" + naam, uitkomst);
    }

    /** The count in the traffic fragment for a partner, message type and column (0 when the row is absent). */
    private static long count(String html, String partner, String type, String column) {
        Matcher row = Pattern.compile("<tr data-partner=\"" + Pattern.quote(partner) + "\" data-type=\"" + Pattern.quote(type)
                + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        if (!row.find()) {
            return 0;
        }
        Matcher cell = Pattern.compile("data-telling=\"" + column + "\"[^>]*>(\\d+)<").matcher(row.group(1));
        assertThat(cell.find()).as("column " + column).isTrue();
        return Long.parseLong(cell.group(1));
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
