package nl.hvht.ketenpoort.admin;

import nl.hvht.ketenpoort.problem.AdminCode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.delivery.DeliveryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Moments, dates and codes in the page's language, from the real bundles (as application.yml configures them). */
class TimesAndWordsTest {

    private static final ResourceBundleMessageSource MESSAGES = messages();
    private final Times tijden = new Times(MESSAGES);
    private final Words woorden = new Words(MESSAGES);

    /** 14:05:09 in Amsterdam (summer time). */
    private static final Instant MOMENT = Instant.parse("2025-07-03T12:05:09Z");

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void dutchMomentsAndDatesAreDayMonthYearInAmsterdamTime() {
        assertThat(tijden.van(MOMENT, LanguageChoice.NEDERLANDS)).isEqualTo("03-07-2025 14:05:09");
        assertThat(tijden.van(OffsetDateTime.parse("2025-01-31T23:30:00Z"), LanguageChoice.NEDERLANDS)).isEqualTo("01-02-2025 00:30:00");
        assertThat(tijden.van(LocalDate.of(2026, 3, 1), LanguageChoice.NEDERLANDS)).isEqualTo("01-03-2026");
        assertThat(tijden.van(null, LanguageChoice.NEDERLANDS)).isEmpty();
    }

    @Test
    void englishMomentsAndDatesNameTheMonth() {
        assertThat(tijden.van(MOMENT, Locale.ENGLISH)).isEqualTo("3 Jul 2025, 14:05:09");
        assertThat(tijden.van(LocalDate.of(2026, 3, 1), Locale.ENGLISH)).isEqualTo("1 Mar 2026");
    }

    @Test
    void theTemplateCallFollowsTheRequestsLanguage() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(tijden.van(MOMENT)).isEqualTo("3 Jul 2025, 14:05:09");
        assertThat(woorden.van("status", DeliveryStatus.WITHHELD)).isEqualTo("Withheld");
        LocaleContextHolder.setLocale(LanguageChoice.NEDERLANDS);
        assertThat(tijden.van(MOMENT)).isEqualTo("03-07-2025 14:05:09");
        assertThat(woorden.van("status", "WITHHELD")).isEqualTo("Ingehouden");
    }

    @Test
    void statusWordsAndReasonsAreTranslatedAndUnknownCodesShownAsTheyAre() {
        assertThat(woorden.van("status", "DELIVERED", LanguageChoice.NEDERLANDS)).isEqualTo("Bezorgd");
        assertThat(woorden.van("status", "DELIVERED", Locale.ENGLISH)).isEqualTo("Delivered");
        assertThat(woorden.van("reden", "NO_CONSENT", LanguageChoice.NEDERLANDS)).isEqualTo("Geen toestemming");
        assertThat(woorden.van("reden", "NO_CONSENT", Locale.ENGLISH)).isEqualTo("No consent");
        assertThat(woorden.van("reden", "HTTP_503", Locale.ENGLISH)).isEqualTo("HTTP_503");
        assertThat(woorden.van("reden", null, Locale.ENGLISH)).isEmpty();
        // a language without a bundle gets Dutch, never the JVM's language
        assertThat(woorden.van("status", "FAILED", Locale.GERMAN)).isEqualTo("Mislukt");
    }

    @Test
    void aRefusalShowsItsTitleInThePagesLanguageAndTheApiDetail() {
        Rejection refused = new Rejection(AdminCode.DODE_BRIEF_NIET_MOGELIJK, "Onbekende bezorging x:transfore.");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(woorden.probleem(refused)).isEqualTo("This delivery is not an open dead letter. Onbekende bezorging x:transfore.");
        LocaleContextHolder.setLocale(LanguageChoice.NEDERLANDS);
        assertThat(woorden.probleem(refused)).isEqualTo("Deze bezorging is geen open dode brief. Onbekende bezorging x:transfore.");
        assertThat(woorden.probleem(new Rejection(RejectionCode.NOT_FOUND, RejectionCode.NOT_FOUND.title()))).isEqualTo("Niet gevonden.");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
