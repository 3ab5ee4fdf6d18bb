package nl.hvht.ketenpoort.admin;

import java.util.OptionalLong;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Queue depths from the embedded Artemis broker (Spring Boot's {@link EmbeddedActiveMQ}): messages on
 * {@code ketenpoort.bezorging.<partnerId>} (waiting, in delivery and scheduled for redelivery) and on the dead-letter
 * queue {@code ketenpoort.dlq}. With an external broker the depth is unknown here (empty): read it from the broker's
 * own console.
 */
@Component
class QueueDepths {

    /** Queue names, as in {@code delivery.Queues}: stable for operators. */
    static final String DELIVERY_PREFIX = "ketenpoort.bezorging.";
    static final String DEAD_LETTER = "ketenpoort.dlq";

    private final ObjectProvider<EmbeddedActiveMQ> broker;

    QueueDepths(ObjectProvider<EmbeddedActiveMQ> broker) {
        this.broker = broker;
    }

    /** Messages on a recipient's delivery queue (0 when the queue does not exist yet). */
    OptionalLong delivery(String partnerId) {
        return depth(DELIVERY_PREFIX + partnerId);
    }

    OptionalLong deadLetters() {
        return depth(DEAD_LETTER);
    }

    private OptionalLong depth(String name) {
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        if (embedded == null || embedded.getActiveMQServer() == null) {
            return OptionalLong.empty();
        }
        ActiveMQServer server = embedded.getActiveMQServer();
        Queue queue = server.locateQueue(SimpleString.of(name));
        return OptionalLong.of(queue == null ? 0 : queue.getMessageCount());
    }
}
