package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import nl.hvht.ketenpoort.support.Chromium;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the console's browser tests: one headless Debian Chromium per test class (reused by its tests; each test logs
 * in afresh through the real forms), on the admin port of the shared test gateway.
 */
abstract class BrowserTestSupport extends GatewayTestSupport {

    /** Longer than the dashboard's 5 s poll. */
    static final Duration LIVE = Duration.ofSeconds(20);

    static Chromium browser;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    static ChromeDriver driver() {
        return browser.driver();
    }

    static WebDriverWait waiting() {
        return (WebDriverWait) browser.waiting(LIVE).ignoring(StaleElementReferenceException.class);
    }

    /** Opens a console page: {@code https://localhost:<admin port><path>}. */
    static void open(String path) {
        driver().get(adminUri(path).toString());
    }

    /** The path of the page the browser shows. */
    static String currentPath() {
        java.net.URI uri = java.net.URI.create(driver().getCurrentUrl());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Starts without a session: the cookies of the admin port are deleted. */
    static void loggedOut() {
        open("/beheer/inloggen");
        driver().manage().deleteAllCookies();
        open("/beheer/inloggen");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("gebruikersnaam")));
    }

    /** Step one: user name and password typed into the login form and sent; waits for the code page. */
    static void typePassword(Admin admin) {
        driver().findElement(By.id("gebruikersnaam")).sendKeys(admin.naam());
        driver().findElement(By.id("wachtwoord")).sendKeys(admin.wachtwoord());
        driver().findElement(By.cssSelector("form[action='/beheer/inloggen'] button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
        assertThat(currentPath()).isEqualTo("/beheer/tweede-stap");
    }

    /** Step two: the current TOTP code typed and sent; waits for the dashboard and its live parts. */
    static void typeCode(Admin admin) {
        driver().findElement(By.id("code")).sendKeys(totp(admin.totpGeheim(), Instant.now()));
        driver().findElement(By.cssSelector("form[action='/beheer/tweede-stap'] button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        assertThat(currentPath()).isEqualTo("/beheer/");
        awaitDashboardLoaded();
    }

    /** Logs in through both forms in a fresh session. */
    static void login(Admin admin) {
        loggedOut();
        typePassword(admin);
        typeCode(admin);
    }

    /** Waits until the dashboard's htmx fragments have arrived. */
    static void awaitDashboardLoaded() {
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#verkeer table")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ontvangers table")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#verloopt h3")));
    }

    /**
     * A request made by the page's own JavaScript ({@code fetch}, same origin, the session cookie), with the page's CSRF
     * token as header when {@code withCsrf}. Returns the HTTP status and the response body.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fetchFromPage(String method, String path, String jsonBody, boolean withCsrf) {
        Object result = driver().executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
                if (arguments[3]) {
                  headers[document.querySelector('meta[name="_csrf_header"]').content] =
                      document.querySelector('meta[name="_csrf"]').content;
                }
                fetch(arguments[1], { method: arguments[0], credentials: 'same-origin', headers: headers,
                                      body: arguments[2] })
                  .then(function (r) { return r.text().then(function (t) { done({ status: r.status, body: t }); }); })
                  .catch(function (e) { done({ status: -1, body: String(e) }); });
                """, method, path, jsonBody, withCsrf);
        return (Map<String, Object>) result;
    }

    /** The number of the count cell {@code column} in the traffic row of partner and type (0 when there is no row). */
    static long trafficCount(String partner, String type, String column) {
        // read in one script (the fragment may be swapped by the next poll at any moment)
        Object text = driver().executeScript("var td = document.querySelector(arguments[0]); return td ? td.textContent.trim() : null;",
                "#verkeer tr[data-partner='" + partner + "'][data-type='" + type + "'] td[data-telling='" + column + "']");
        return text == null ? 0 : Long.parseLong((String) text);
    }
}
