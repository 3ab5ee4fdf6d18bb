package nl.hvht.ketenpoort.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The partner API's edge ({@code ketenpoort.intake}). Every setting has a default, so the section may be absent.
 *
 * @param rateLimit   requests per partner on {@code /api/**}
 * @param bodyTimeout longest time a message body may take to arrive, in total (408 REQUEST_TIMEOUT after it);
 *                    {@code server.tomcat.connection-timeout} bounds each silence within it; default 30s
 */
@Validated
@ConfigurationProperties("ketenpoort.intake")
record IntakeProperties(
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) @DefaultValue("30s") Duration bodyTimeout) {

    /**
     * A token bucket per authenticated partner: {@code burst} requests at once, refilled at
     * {@code requestsPerSecond}. Over the limit a request gets 429 RATE_LIMITED with {@code Retry-After}.
     *
     * @param requestsPerSecond sustained rate per partner; default 200
     * @param burst             requests a partner may make at once (bucket size); default 400
     * @param partners          per-partner overrides, keyed by partner id (must be registry partners)
     */
    record RateLimit(
            @Min(1) @Max(100_000) @DefaultValue("200") int requestsPerSecond,
            @Min(1) @Max(1_000_000) @DefaultValue("400") int burst,
            @NotNull @DefaultValue Map<String, @Valid @NotNull Limit> partners) {

        /** The limit for one partner: its override, else the default. */
        Limit of(String partnerId) {
            Limit override = partners.get(partnerId);
            return override != null ? override : new Limit(requestsPerSecond, burst);
        }
    }

    /**
     * One partner's limit.
     *
     * @param requestsPerSecond sustained rate
     * @param burst             bucket size
     */
    record Limit(@Min(1) @Max(100_000) int requestsPerSecond, @Min(1) @Max(1_000_000) int burst) {
    }
}
