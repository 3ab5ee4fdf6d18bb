package nl.hvht.ketenpoort.delivery;

import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisMode;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses at start-up an external broker's URL with an endless first connection ({@code initialConnectAttempts} below
 * 0). With it a connection attempt to an absent broker never returns and holds the connection factory's and the
 * listener's locks: the gateway could then neither finish starting nor stop. A number of attempts costs nothing: what
 * gives up is retried by the gateway itself (the wake-up listener every 5 s, the health check every second), and an
 * established connection still fails over and reconnects by {@code reconnectAttempts=-1}.
 */
@Component
class BrokerUrlCheck {

    private static final Pattern ENDLESS = Pattern.compile("[?&]initialConnectAttempts=-\\d", Pattern.CASE_INSENSITIVE);

    BrokerUrlCheck(ArtemisProperties artemis) {
        check(artemis.getMode(), artemis.getBrokerUrl());
    }

    static void check(ArtemisMode mode, String brokerUrl) {
        if (mode != ArtemisMode.EMBEDDED && brokerUrl != null && ENDLESS.matcher(brokerUrl).find()) {
            throw new IllegalStateException("spring.artemis.broker-url (KETENPOORT_BROKER_URL) has a negative "
                    + "initialConnectAttempts: a first connection to an absent broker would wait for ever and hold up "
                    + "the gateway's start and stop. Give a number, for example initialConnectAttempts=5; the gateway "
                    + "tries again by itself.");
        }
    }
}
