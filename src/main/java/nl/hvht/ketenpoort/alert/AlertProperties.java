package nl.hvht.ketenpoort.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alerts ({@code ketenpoort.alert}).
 *
 * @param enabled              evaluate and send alerts at all (default off)
 * @param interval             how often the incidents are evaluated (besides at once on a dead letter)
 * @param consecutiveFailures  failed delivery attempts in a row to one partner that open {@code partner-fails:<id>}
 * @param maxUndeliveredAge    age of the oldest undelivered message to a recipient that opens {@code oldest-undelivered:<id>}
 * @param quietPeriod          an open incident is notified again at most this often
 * @param mail                 e-mail channel ({@code spring.mail.*} names the SMTP server)
 * @param webhook              webhook channel (JSON POST)
 */
@Validated
@ConfigurationProperties("ketenpoort.alert")
public record AlertProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("30s") @NotNull Duration interval,
        @DefaultValue("5") @Min(1) @Max(1000) int consecutiveFailures,
        @DefaultValue("1h") @NotNull Duration maxUndeliveredAge,
        @DefaultValue("4h") @NotNull Duration quietPeriod,
        @DefaultValue @Valid Mail mail,
        @DefaultValue @Valid Webhook webhook) {

    public AlertProperties {
        if (enabled && !mail.configured() && !webhook.configured()) {
            throw new IllegalArgumentException("ketenpoort.alert.enabled is true but no channel is configured: set"
                    + " ketenpoort.alert.mail.to (with spring.mail.host) and/or ketenpoort.alert.webhook.url");
        }
        if (interval.isNegative() || interval.isZero() || quietPeriod.isNegative() || maxUndeliveredAge.isNegative()
                || maxUndeliveredAge.isZero()) {
            throw new IllegalArgumentException("ketenpoort.alert.interval, max-undelivered-age and quiet-period must be positive");
        }
    }

    /**
     * E-mail channel.
     *
     * @param from sender address
     * @param to   recipients; none: no mail
     */
    public record Mail(@DefaultValue("ketenpoort@localhost") @Email String from, @DefaultValue List<@Email String> to) {

        boolean configured() {
            return to != null && !to.isEmpty();
        }
    }

    /**
     * Webhook channel.
     *
     * @param url   where the JSON is POSTed (http or https); none: no webhook
     * @param token optional bearer token (a secret: never in {@link #toString()} or logs)
     * @param timeout connect and response timeout
     */
    public record Webhook(URI url, String token, @DefaultValue("10s") Duration timeout) {

        public Webhook {
            if (url != null && !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw new IllegalArgumentException("ketenpoort.alert.webhook.url must be an http(s) URL");
            }
        }

        boolean configured() {
            return url != null;
        }

        @Override
        public String toString() {
            // A webhook URL often carries a secret in its path or query: only scheme and host are shown.
            return "Webhook[url=" + (url == null ? "none" : url.getScheme() + "://" + url.getHost() + "/***") + ", token=" + (token == null ? "none" : "***") + ", timeout=" + timeout + "]";
        }
    }
}
