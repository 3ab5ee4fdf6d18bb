package nl.hvht.ketenpoort.alert;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * One evaluation: the conditions that hold, compared with the open incidents, and each notification sent on every
 * channel. A notification is marked sent when every channel took it; otherwise it is sent again at the next
 * evaluation. Called by the route {@code alert-evaluate} (one at a time).
 */
@Component("alerts")
@ConditionalOnProperty(name = "ketenpoort.alert.enabled", havingValue = "true")
class Alerts {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final AlertConditions conditions;
    private final IncidentTracker tracker;
    private final List<AlertChannel> channels = new ArrayList<>();

    Alerts(AlertConditions conditions, IncidentStore store, Clock clock, AlertProperties properties,
            ObjectProvider<JavaMailSender> mailSender, RestClient.Builder restClient) {
        this.conditions = conditions;
        this.tracker = new IncidentTracker(store, clock, properties.quietPeriod());
        if (properties.mail().configured()) {
            JavaMailSender sender = mailSender.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("ketenpoort.alert.mail.to is set but no mail server: set spring.mail.host");
            }
            channels.add(new MailChannel(sender, properties.mail()));
        }
        if (properties.webhook().configured()) {
            channels.add(new WebhookChannel(restClient, properties.webhook()));
        }
    }

    public void evaluate() {
        for (IncidentTracker.Notification notification : tracker.evaluate(conditions.holding())) {
            boolean all = true;
            for (AlertChannel channel : channels) {
                try {
                    channel.send(notification);
                } catch (RuntimeException e) {
                    all = false;
                    LOG.warn("alert {} {} not sent by {}: {}", notification.status(), notification.incident().sleutel(), channel.name(),
                            e.getClass().getName());
                }
            }
            if (all) {
                tracker.sent(notification);
            }
            LOG.info("alert {} {} ({})", notification.status(), notification.incident().sleutel(), all ? "sent" : "to be sent again");
        }
    }
}
