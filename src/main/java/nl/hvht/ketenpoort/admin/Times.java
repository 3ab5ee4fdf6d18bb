package nl.hvht.ketenpoort.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Moments and dates as the console shows them: in Europe/Amsterdam time, in the page's language and its format, the
 * patterns {@code formaat.moment} and {@code formaat.datum} of the message bundle (Dutch {@code dd-MM-yyyy HH:mm:ss},
 * English {@code d MMM yyyy, HH:mm:ss}). The one formatter of the console; in templates {@code ${@tijden.van(x)}}.
 */
@Component("times")
class Times {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final MessageSource messages;
    private final Map<Locale, DateTimeFormatter> moments = new ConcurrentHashMap<>();
    private final Map<Locale, DateTimeFormatter> dates = new ConcurrentHashMap<>();

    Times(MessageSource messages) {
        this.messages = messages;
    }

    /** An Instant, OffsetDateTime or LocalDate formatted for the current request's language; "" for null. */
    public String van(Object moment) {
        return van(moment, LocaleContextHolder.getLocale());
    }

    String van(Object moment, Locale locale) {
        if (moment instanceof Instant instant) {
            return moments.computeIfAbsent(locale, l -> formatter("formaat.moment", l).withZone(ZONE)).format(instant);
        }
        if (moment instanceof OffsetDateTime offset) {
            return van(offset.toInstant(), locale);
        }
        if (moment instanceof LocalDate date) {
            return dates.computeIfAbsent(locale, l -> formatter("formaat.datum", l)).format(date);
        }
        if (moment instanceof TemporalAccessor temporal) {
            return temporal.toString();
        }
        return "";
    }

    private DateTimeFormatter formatter(String key, Locale locale) {
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, locale), locale);
    }
}
