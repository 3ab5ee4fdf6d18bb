package nl.hvht.ketenpoort.alert;

import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** Alerts as a JSON POST to a configured URL (optionally with a bearer token). A non-2xx answer is a failure. */
class WebhookChannel implements AlertChannel {

    private final RestClient client;
    private final AlertProperties.Webhook webhook;

    WebhookChannel(RestClient.Builder builder, AlertProperties.Webhook webhook) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(webhook.timeout());
        requests.setReadTimeout(webhook.timeout());
        this.client = builder.clone().requestFactory(requests).build();
        this.webhook = webhook;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(IncidentTracker.Notification notification) {
        Incident incident = notification.incident();
        var request = client.post().uri(webhook.url()).contentType(MediaType.APPLICATION_JSON);
        if (webhook.token() != null && !webhook.token().isBlank()) {
            request = request.headers(headers -> headers.setBearerAuth(webhook.token()));
        }
        request.body(new Body(incident.id(), incident.sleutel(), incident.soort().name(), notification.status().name(), incident.partner(),
                incident.geopendOp(), incident.opgelostOp(), incident.details(), AlertChannel.subject(notification)))
                .retrieve().toBodilessEntity();
    }

    /** The JSON sent: incident number and key, kind, status, partner, times, details (counts, reason codes). */
    record Body(long id, String incident, String soort, String status, String partner, Instant geopendOp, Instant opgelostOp,
            String details, String samenvatting) {
    }
}
