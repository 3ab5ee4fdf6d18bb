package nl.hvht.ketenpoort.delivery;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The broker's one job in delivery: it rings the doorbell. After a commit that made deliveries due, this node's
 * workers are woken directly and every other node through a non-persistent message on the topic
 * {@value #TOPIC} (recipient ids only). Nothing depends on it arriving: the ledger is the queue, and every worker
 * also looks there every {@code poll-interval}. Sent from its own thread with a small bounded queue, so a slow or
 * absent broker never holds up a commit.
 */
@Component
class DeliveryWakeups {

    static final String TOPIC = "ketenpoort.bezorging.wekker";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWakeups.class);

    private final ProducerTemplate producer;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
            runnable -> {
                Thread thread = new Thread(runnable, "delivery-wakeups");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    DeliveryWakeups(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Tells the other nodes that deliveries to these recipients are due. */
    void announce(Set<String> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        String body = String.join(",", recipients);
        try {
            sender.execute(() -> {
                try {
                    producer.sendBody("jms:topic:" + TOPIC + "?deliveryPersistent=false&timeToLive=60000", body);
                } catch (RuntimeException e) {
                    LOG.debug("wake-up not sent over the broker: {}", e.getClass().getName());
                }
            });
        } catch (RejectedExecutionException stopped) {
            LOG.debug("wake-up not sent: sender stopped");
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
