package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.hvht.ketenpoort.support.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console in a real browser (Debian's Chromium, headless, through Selenium; see {@link Chromium}): login with password
 * and TOTP through the forms, the live dashboard counting a delivered message, a KIJKER refused when it tries to act, a
 * form POST without CSRF token refused. Screenshots of the pages go to {@code target/screenshots/}.
 */
class ConsoleBrowserIT extends BrowserTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void passwordAndTotpThroughTheFormsReachTheDashboard() {
        Admin beheerder = newAdmin("BEHEERDER");
        loggedOut();
        open("/beheer/");
        assertThat(currentPath()).isEqualTo("/beheer/inloggen");
        browser.screenshot("inloggen");

        typePassword(beheerder);
        browser.screenshot("tweede-stap");
        // half logged in: the dashboard sends the browser back to the code page
        open("/beheer/");
        assertThat(currentPath()).isEqualTo("/beheer/tweede-stap");
        assertThat(driver().findElements(By.cssSelector("#verkeer"))).isEmpty();

        typeCode(beheerder);
        assertThat(driver().findElement(By.cssSelector(".kop .wie")).getText()).isEqualTo("Ingelogd als " + beheerder.naam());
        assertThat(driver().manage().getCookieNamed("KETENPOORT_BEHEER")).satisfies(cookie -> {
            assertThat(cookie.isSecure()).isTrue();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
        });
        // the session cookie is out of reach of the page's scripts
        assertThat((String) driver().executeScript("return document.cookie;")).doesNotContain("KETENPOORT_BEHEER");
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'ADMIN_LOGIN' and afzender = ? and uitkomst = 'OK'",
                Integer.class, "beheerder:" + beheerder.naam())).isEqualTo(1);
    }

    @Test
    void aDeliveredMessageAppearsOnTheLiveDashboardWithoutReloading() {
        Admin kijker = newAdmin("KIJKER");
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "transfore");
        login(kijker);
        open("/beheer/?venster=uur");
        awaitDashboardLoaded();
        long deliveredBefore = trafficCount("transfore", "Verwijzing", "bezorgd");
        long receivedBefore = trafficCount("hvht", "Verwijzing", "ontvangen");
        // a marker that survives only as long as the page is not reloaded
        driver().executeScript("window.ketenpoortZonderHerladen = true;");

        Example verwijzing = example("verwijzing", deelnemer);
        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(statuses("hvht", verwijzing.berichtId()).get("transfore")));

        waiting().until(d -> trafficCount("transfore", "Verwijzing", "bezorgd") == deliveredBefore + 1
                && trafficCount("hvht", "Verwijzing", "ontvangen") == receivedBefore + 1);
        // the chart (Chart.js, polled) has the recipient too
        waiting().until(d -> Boolean.TRUE.equals(driver().executeScript(
                "var c = Chart.getChart(document.getElementById('grafiek')); return !!c && c.data.labels.indexOf('transfore') >= 0;")));
        assertThat(driver().executeScript("return window.ketenpoortZonderHerladen === true;")).isEqualTo(true);
        // the recipient's health: a last successful delivery
        assertThat(driver().findElement(By.cssSelector("#ontvangers tr[data-partner='transfore'] td:nth-child(8)")).getText()).isNotBlank();
        // counts and ids only: nothing about the participant
        assertThat(driver().getPageSource()).doesNotContain(deelnemer).doesNotContain("Voorbeeld");

        browser.screenshot("dashboard");
        browser.size(Chromium.TABLET);
        try {
            awaitDashboardLoaded();
            // usable on a tablet: the page itself does not scroll sideways (wide tables scroll in their own box)
            assertThat((Boolean) driver().executeScript(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;")).isTrue();
            browser.screenshot("dashboard-tablet");
        } finally {
            browser.size(Chromium.LAPTOP);
        }
    }

    @Test
    void aKijkerCannotActButABeheerderReachesTheAction() {
        Admin kijker = newAdmin("KIJKER");
        login(kijker);
        assertThat(driver().findElements(By.cssSelector("button[data-actie]"))).isEmpty();

        String approval = "/beheer/api/v1/doorbraken/" + UUID.randomUUID() + "/goedkeuring";
        String retry = "/beheer/api/v1/dode-brieven/herkansing";
        String selection = "{\"items\":[{\"berichtId\":\"" + UUID.randomUUID() + "\",\"ontvanger\":\"transfore\"}]}";
        // the page's own script, with the session and its CSRF token, asks anyway
        Map<String, Object> approved = fetchFromPage("POST", approval, null, true);
        assertThat(approved.get("status")).isEqualTo(403L);
        assertThat((String) approved.get("body")).contains("FORBIDDEN");
        Map<String, Object> retried = fetchFromPage("POST", retry, selection, true);
        assertThat(retried.get("status")).isEqualTo(403L);
        // both refusals audit-logged, and nothing else refused on the way (e.g. the browser's own requests, like a favicon)
        assertThat(jdbc.queryForList("select reden from audit_record where stap = 'REJECTED' and uitkomst = 'FORBIDDEN' and afzender = ?",
                String.class, "beheerder:" + kijker.naam())).hasSize(2).allSatisfy(reden -> assertThat(reden).startsWith("POST /beheer/api/v1/"));
        // reading is allowed
        assertThat(fetchFromPage("GET", "/beheer/api/v1/dode-brieven", null, false).get("status")).isEqualTo(200L);

        // the same requests from a BEHEERDER's page pass the role check (and fail on the unknown ids instead)
        login(newAdmin("BEHEERDER"));
        assertThat(fetchFromPage("POST", approval, null, true).get("status")).isNotEqualTo(403L).isNotEqualTo(200L);
        Map<String, Object> beheerderRetry = fetchFromPage("POST", retry, selection, true);
        assertThat(beheerderRetry.get("status")).isEqualTo(409L);
        assertThat((String) beheerderRetry.get("body")).contains("DODE_BRIEF_NIET_MOGELIJK");
    }

    @Test
    void aFormPostWithoutCsrfTokenIsRefused() {
        Admin beheerder = newAdmin("BEHEERDER");
        login(beheerder);
        List<?> tokens = driver().findElements(By.cssSelector("form.uitloggen input[type=hidden][name=_csrf]"));
        assertThat(tokens).hasSize(1);

        // the logout form, sent with its CSRF field removed
        driver().executeScript("var form = document.querySelector('form.uitloggen');"
                + "form.querySelector('input[name=_csrf]').remove(); form.submit();");
        waiting().until(ExpectedConditions.urlContains("/beheer/uitloggen"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "FORBIDDEN"));
        assertThat(driver().findElement(By.tagName("body")).getText()).contains("\"status\":403");
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'REJECTED' and uitkomst = 'FORBIDDEN' and afzender = ?"
                + " and reden = 'POST /beheer/uitloggen'", Integer.class, "beheerder:" + beheerder.naam())).isEqualTo(1);

        // nothing happened: still logged in
        open("/beheer/");
        awaitDashboardLoaded();
        assertThat(currentPath()).isEqualTo("/beheer/");

        // with the token the same form logs out
        driver().findElement(By.cssSelector("form.uitloggen button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/beheer/inloggen?uitgelogd"));
        open("/beheer/");
        assertThat(currentPath()).isEqualTo("/beheer/inloggen");
    }
}
