package nl.hvht.ketenpoort.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in both languages, in a real browser: Dutch by default, the header's switch makes the pages English (texts,
 * status words, consent reasons, dates), the next page and the live fragments stay English without a parameter, the
 * choice outlives logout and login, and the switch brings Dutch back. Screenshots {@code dashboard-en} and
 * {@code berichten-en} go to {@code target/screenshots/}.
 */
class ConsoleLanguageBrowserIT extends BrowserTestSupport {

    private static final String PARTNER = "transfore";
    /** {@code 03-07-2025 14:05:09} */
    private static final String DUTCH_MOMENT = "\\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}";
    /** {@code 3 Jul 2025, 14:05:09} */
    private static final String ENGLISH_MOMENT = "\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}:\\d{2}";

    @Test
    void theSwitchMakesThePagesEnglishTheChoiceStaysAndTheSwitchBringsDutchBack() {
        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + PARTNER)).willReturn(aResponse().withStatus(200)));
        String metToestemming = newParticipant();
        registerFullConsent(metToestemming, PARTNER);
        Example delivered = example("verwijzing", metToestemming);
        assertThat(submit("hvht", delivered.xml()).statusCode()).isEqualTo(202);
        Example withheld = example("verwijzing", newParticipant()); // no consent at all
        assertThat(submit("hvht", withheld.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", delivered.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        assertThat(awaitSettled("hvht", withheld.berichtId())).isEqualTo(Map.of(PARTNER, "WITHHELD"));

        Admin kijker = newAdmin("KIJKER");
        login(kijker);
        // Dutch without a choice (the browser asks for nl-NL, but the console does not look: see LanguageChoiceTest)
        assertThat(pageLanguage()).isEqualTo("nl");
        assertThat(text(".kop .wie")).isEqualTo("Ingelogd als " + kijker.naam());
        assertThat(text(".kop .talen a.actief")).isEqualTo("Nederlands");

        driver().findElement(By.cssSelector(".kop .talen a[data-taal=en]")).click();
        waiting().until(d -> "en".equals(pageLanguage()));
        assertThat(currentPath()).isEqualTo("/beheer/?lang=en");
        assertThat(text(".kop .wie")).isEqualTo("Logged in as " + kijker.naam());
        assertThat(text(".kop .talen a.actief")).isEqualTo("English");
        assertThat(text("#verkeer-kop")).isEqualTo("Message traffic per partner and message type");
        // the live fragments, fetched by htmx without a parameter, are English too
        awaitDashboardLoaded();
        waiting().until(ExpectedConditions.textMatches(By.cssSelector("#ontvangers .dlq"), java.util.regex.Pattern.compile("^Dead letters: \\d+$")));
        assertThat(text("#ontvangers thead")).contains("State").contains("Last delivery");
        assertThat(text("#ontvangers tr[data-partner='" + PARTNER + "'] td:nth-child(8)")).matches(ENGLISH_MOMENT);
        browser.screenshot("dashboard-en");
        Cookie taal = driver().manage().getCookieNamed(LanguageChoice.COOKIE);
        assertThat(taal.getValue()).isEqualTo("en");
        assertThat(taal.getPath()).isEqualTo("/beheer");
        assertThat(taal.isSecure()).isTrue();
        assertThat(taal.isHttpOnly()).isTrue();

        // the next page, through the menu: no parameter, still English
        driver().findElement(By.cssSelector(".kop .nav a[href='/beheer/berichten']")).click();
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Messages"));
        assertThat(currentPath()).isEqualTo("/beheer/berichten");
        assertThat(pageLanguage()).isEqualTo("en");
        open("/beheer/berichten?berichtId=" + delivered.berichtId());
        waiting().until(ExpectedConditions.presenceOfElementLocated(statusOf(delivered)));
        assertThat(text(statusOf(delivered))).isEqualTo(PARTNER + ": Delivered");
        assertThat(driver().findElement(statusOf(delivered)).getDomAttribute("title")).isEqualTo("DELIVERED");
        assertThat(text(receivedOf(delivered))).matches(ENGLISH_MOMENT);
        assertThat(text("select[name=status] option[value=WITHHELD]")).isEqualTo("Withheld");
        browser.screenshot("berichten-en");

        // a withheld message: status word, consent reason and decision in English
        open("/beheer/berichten/" + withheld.berichtId());
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.ontvanger .status")));
        assertThat(text("section.ontvanger .status")).isEqualTo("Withheld");
        assertThat(text("section.ontvanger dl.gegevens dd")).isEqualTo("No consent");
        assertThat(text("table.besluiten tbody tr td:nth-child(2)")).isEqualTo("Intake");
        assertThat(text("table.besluiten tbody tr td:nth-child(3)")).isEqualTo("Denied");
        assertThat(text("table.besluiten tbody tr td:nth-child(1)")).matches(ENGLISH_MOMENT);
        assertThat(text("section.ontvanger table.tijdlijn tbody")).contains("Consent decision").contains("Denied");

        // back to Dutch on the same page, with its query kept
        open("/beheer/berichten?berichtId=" + delivered.berichtId());
        driver().findElement(By.cssSelector(".kop .talen a[data-taal=nl]")).click();
        waiting().until(d -> "nl".equals(pageLanguage()));
        assertThat(currentPath()).isEqualTo("/beheer/berichten?berichtId=" + delivered.berichtId() + "&lang=nl");
        assertThat(text("h1")).isEqualTo("Berichten");
        assertThat(text(statusOf(delivered))).isEqualTo(PARTNER + ": Bezorgd");
        assertThat(text(receivedOf(delivered))).matches(DUTCH_MOMENT);
        open("/beheer/berichten/" + withheld.berichtId());
        assertThat(text("section.ontvanger .status")).isEqualTo("Ingehouden");
        assertThat(text("section.ontvanger dl.gegevens dd")).isEqualTo("Geen toestemming");
        open("/beheer/");
        assertThat(text(".kop .wie")).isEqualTo("Ingelogd als " + kijker.naam());
    }

    @Test
    void theLoginPagesHaveTheSwitchAndTheChoiceOutlivesTheSession() {
        Admin beheerder = newAdmin("BEHEERDER");
        loggedOut();
        assertThat(pageLanguage()).isEqualTo("nl");
        assertThat(text("label[for=gebruikersnaam]")).isEqualTo("Gebruikersnaam");

        driver().findElement(By.cssSelector(".kaart .talen a[data-taal=en]")).click();
        waiting().until(d -> "en".equals(pageLanguage()));
        assertThat(text("label[for=gebruikersnaam]")).isEqualTo("User name");
        typePassword(beheerder);
        assertThat(text("h1")).isEqualTo("Code from your authenticator app");
        typeCode(beheerder);
        assertThat(text(".kop .wie")).isEqualTo("Logged in as " + beheerder.naam());

        driver().findElement(By.cssSelector("form.uitloggen button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/beheer/inloggen?uitgelogd"));
        assertThat(text("p.melding")).isEqualTo("You have logged out.");
        assertThat(pageLanguage()).isEqualTo("en");

        // a new session (another administrator: a TOTP code is accepted once): still English, until switched back
        Admin tweede = newAdmin("BEHEERDER");
        typePassword(tweede);
        typeCode(tweede);
        assertThat(text(".kop .nav a[href='/beheer/dode-brieven']")).isEqualTo("Dead letters");
        driver().findElement(By.cssSelector(".kop .talen a[data-taal=nl]")).click();
        waiting().until(d -> "nl".equals(pageLanguage()));
        assertThat(text(".kop .nav a[href='/beheer/dode-brieven']")).isEqualTo("Dode brieven");
        open("/beheer/dode-brieven");
        assertThat(text("h1")).isEqualTo("Dode brieven");
    }

    private static String pageLanguage() {
        return driver().findElement(By.tagName("html")).getDomAttribute("lang");
    }

    private static String text(String css) {
        return text(By.cssSelector(css));
    }

    private static String text(By element) {
        return driver().findElement(element).getText().strip();
    }

    private static By statusOf(Example message) {
        return By.cssSelector("tr[data-bericht='" + message.berichtId() + "'] .status[data-ontvanger='" + PARTNER + "']");
    }

    private static By receivedOf(Example message) {
        return By.cssSelector("tr[data-bericht='" + message.berichtId() + "'] td:nth-child(4)");
    }
}
