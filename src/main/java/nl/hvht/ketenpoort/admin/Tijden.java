package nl.hvht.ketenpoort.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import org.springframework.stereotype.Component;

/** Moments as the console shows them (Europe/Amsterdam, {@code dd-MM-yyyy HH:mm:ss}); in templates {@code ${@tijden.van(x)}}. */
@Component("tijden")
class Tijden {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss").withZone(DashboardController.ZONE);

    /** An Instant or OffsetDateTime formatted; "" for null. */
    public String van(Object moment) {
        if (moment instanceof Instant instant) {
            return WHEN.format(instant);
        }
        if (moment instanceof OffsetDateTime offset) {
            return WHEN.format(offset.toInstant());
        }
        if (moment instanceof TemporalAccessor temporal) {
            return temporal.toString();
        }
        return "";
    }
}
