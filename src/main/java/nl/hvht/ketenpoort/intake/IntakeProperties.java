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
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;
import org.springframework.validation.annotation.Validated;

/**
 * The partner API's edge ({@code ketenpoort.intake}). Every setting has a default, so the section may be absent.
 *
 * @param rateLimit        requests per partner on {@code /api/**}
 * @param bodyTimeout      longest time a message body may take to arrive, in total (408 REQUEST_TIMEOUT after it);
 *                         {@code server.tomcat.connection-timeout} bounds each silence within it; default 30s
 * @param concurrency      requests per partner on {@code /api/**} being handled at the same time
 * @param bodyMinRate      slowest average rate a message body may arrive at, per second, once {@code bodyMinRateAfter}
 *                         has passed (408 REQUEST_TIMEOUT below it); default 4KB
 * @param bodyMinRateAfter how long a body may arrive slower than {@code bodyMinRate} at its start; default 2s
 */
@Validated
@ConfigurationProperties("ketenpoort.intake")
record IntakeProperties(
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) @DefaultValue("30s") Duration bodyTimeout,
        @Valid @NotNull @DefaultValue Concurrency concurrency,
        @NotNull @DefaultValue("4KB") @DataSizeUnit(DataUnit.BYTES) DataSize bodyMinRate,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 1) @DefaultValue("2s") Duration bodyMinRateAfter) {

    IntakeProperties {
        if (bodyMinRate != null && (bodyMinRate.toBytes() < 1 || bodyMinRate.toBytes() > 10L * 1024 * 1024)) {
            throw new IllegalArgumentException(
                    "ketenpoort.intake.body-min-rate must be between 1B and 10MB per second, was " + bodyMinRate.toBytes() + " bytes");
        }
    }

    /**
     * At most {@code maxPerPartner} requests of one partner are handled at the same time (each holds a worker thread);
     * one more gets 429 RATE_LIMITED with {@code Retry-After} at once, before its body is read. So one partner's slow
     * requests hold at most that many threads, whatever the others do.
     *
     * @param maxPerPartner concurrent requests per partner; default 48 (of {@code server.tomcat.threads.max}, 200)
     * @param partners      per-partner overrides, keyed by partner id (must be registry partners)
     */
    record Concurrency(
            @Min(1) @Max(10_000) @DefaultValue("48") int maxPerPartner,
            @NotNull @DefaultValue Map<String, @NotNull @Min(1) @Max(10_000) Integer> partners) {

        /** The limit for one partner: its override, else the default. */
        int of(String partnerId) {
            return partners.getOrDefault(partnerId, maxPerPartner);
        }
    }

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
