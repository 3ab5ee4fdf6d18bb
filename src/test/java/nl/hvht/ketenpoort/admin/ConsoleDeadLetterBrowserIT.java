package nl.hvht.ketenpoort.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's action pages in a real browser: a dead letter retried from the Dode brieven page ends DELIVERED; a
 * KIJKER sees no action buttons there and its crafted request is refused; the Berichten, Toestemming and Audit pages
 * (with the chain verification) render. Screenshots of each page go to {@code target/screenshots/}.
 *
 * <p>Needs the pages {@code /beheer/dode-brieven}, {@code /beheer/berichten}, {@code /beheer/toestemming} and
 * {@code /beheer/audit} (rows {@code tr[data-bezorging="<berichtId>:<ontvanger>"]}, checkboxes {@code input[name=item]},
 * buttons {@code button[data-actie=herkansing|afvoer|verifieer]}, results {@code p[data-resultaat=ok|fout]}).
 */
class ConsoleDeadLetterBrowserIT extends BrowserTestSupport {

    private static final String PARTNER = "transfore";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDeadLetterRetriedFromTheConsoleEndsDelivered() {
        Example message = deadLetter();
        Admin beheerder = newAdmin("BEHEERDER");
        login(beheerder);
        open("/beheer/dode-brieven");
        String bezorging = message.berichtId() + ":" + PARTNER;
        waiting().until(ExpectedConditions.presenceOfElementLocated(row(bezorging)));
        assertThat(driver().getPageSource()).doesNotContain("Voorbeeld").doesNotContain(deelnemer);
        browser.screenshot("dode-brieven");

        ENDPOINTS.answers(PARTNER, aResponse().withStatus(200));
        WebElement box = driver().findElement(By.cssSelector("input[name=item][value='" + bezorging + "']"));
        box.click();
        assertThat(box.isSelected()).isTrue();
        driver().findElement(By.cssSelector("button[data-actie=herkansing]")).click();
        // a confirmation dialog, if the page asks for one
        waiting().until(ExpectedConditions.or(ExpectedConditions.alertIsPresent(),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.melding[data-resultaat]"))));
        if (!driver().findElements(By.cssSelector("p.melding[data-resultaat]")).isEmpty()) {
            assertThat(driver().findElement(By.cssSelector("p.melding[data-resultaat]")).getDomAttribute("data-resultaat")).isEqualTo("ok");
        } else {
            driver().switchTo().alert().accept();
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.melding[data-resultaat]")));
            assertThat(driver().findElement(By.cssSelector("p.melding[data-resultaat]")).getDomAttribute("data-resultaat")).isEqualTo("ok");
        }

        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> ENDPOINTS.served(PARTNER, message.berichtId()).stream().filter(e -> e.getResponse().getStatus() == 200).count() == 1);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'DEAD_LETTER_RETRIED' and bericht_id = ? and afzender = ?",
                Integer.class, message.berichtId(), "beheerder:" + beheerder.naam())).isEqualTo(1);
        // no longer an open dead letter
        open("/beheer/dode-brieven");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertThat(driver().findElements(row(bezorging))).isEmpty();

        // the message browser finds it (metadata only)
        open("/beheer/berichten?berichtId=" + message.berichtId());
        waiting().until(d -> d.getPageSource().contains(message.berichtId()));
        assertThat(driver().getPageSource()).doesNotContain("Voorbeeld").doesNotContain(deelnemer);
        browser.screenshot("berichten");
    }

    @Test
    void aKijkerSeesNoButtonsAndItsCraftedRetryIsRefused() {
        Example message = deadLetter();
        Admin kijker = newAdmin("KIJKER");
        login(kijker);
        open("/beheer/dode-brieven");
        String bezorging = message.berichtId() + ":" + PARTNER;
        waiting().until(ExpectedConditions.presenceOfElementLocated(row(bezorging)));
        assertThat(driver().findElements(By.cssSelector("button[data-actie]"))).isEmpty();

        ENDPOINTS.answers(PARTNER, aResponse().withStatus(200));
        Map<String, Object> crafted = fetchFromPage("POST", "/beheer/api/v1/dode-brieven/herkansing",
                "{\"items\":[{\"berichtId\":\"" + message.berichtId() + "\",\"ontvanger\":\"" + PARTNER + "\"}]}", true);
        assertThat(crafted.get("status")).isEqualTo(403L);
        assertThat(statuses("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> ENDPOINTS.served(PARTNER, message.berichtId()).size() == 1);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'DEAD_LETTER_RETRIED' and bericht_id = ?",
                Integer.class, message.berichtId())).isZero();
    }

    @Test
    void theConsentAndAuditPagesRenderAndTheChainVerifies() {
        login(newAdmin("BEHEERDER", "PRIVACY"));
        open("/beheer/toestemming");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
        assertThat(currentPath()).isEqualTo("/beheer/toestemming");
        browser.screenshot("toestemming");

        open("/beheer/audit");
        driver().findElement(By.cssSelector("button[data-actie=verifieer]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p[data-resultaat]")));
        // the shared test database's chain is intact (audit.AuditTrailIT restores what it tampers with)
        assertThat(driver().findElement(By.cssSelector("p[data-resultaat]")).getDomAttribute("data-resultaat")).isEqualTo("ok");
        browser.screenshot("audit");
    }

    /** The participant of the last {@link #deadLetter()}. */
    private String deelnemer;

    /** A verwijzing to transfore that the partner refuses for good (400): FAILED, on the DLQ. */
    private Example deadLetter() {
        ENDPOINTS.answers(PARTNER, aResponse().withStatus(400));
        deelnemer = newParticipant();
        registerFullConsent(deelnemer, PARTNER);
        Example message = example("verwijzing", deelnemer);
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        assertThat(ENDPOINTS.served(PARTNER, message.berichtId())).hasSize(1);
        return message;
    }

    private static By row(String bezorging) {
        return By.cssSelector("tr[data-bezorging='" + bezorging + "']");
    }
}
