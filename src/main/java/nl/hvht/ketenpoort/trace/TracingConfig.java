package nl.hvht.ketenpoort.trace;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import java.net.URI;
import nl.hvht.ketenpoort.partner.SafePaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * What Spring's HTTP observations put in a span that must not leave the gateway: a path that names a participant is
 * masked as in the logs ({@link SafePaths}), and an outgoing request (the alert webhook) keeps only scheme, host and
 * port, since a webhook URL may hold its secret.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfig {

    static final String HTTP_URL = "http.url";

    @Bean
    ObservationFilter safeHttpUrls() {
        return context -> {
            KeyValue url = context.getHighCardinalityKeyValue(HTTP_URL);
            if (url != null) {
                String safe = context instanceof ClientRequestObservationContext ? origin(url.getValue())
                        : SafePaths.mask(url.getValue());
                context.addHighCardinalityKeyValue(KeyValue.of(HTTP_URL, safe));
            }
            return context;
        };
    }

    static String origin(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() == null || uri.getHost() == null ? "none"
                    : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "none";
        }
    }
}
