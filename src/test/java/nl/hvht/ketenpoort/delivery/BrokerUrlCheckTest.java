package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisMode;

/** An external broker's URL must not make the first connection endless; everything else passes. */
class BrokerUrlCheckTest {

    private static final String HA = "(tcp://broker-a:61616,tcp://broker-b:61616)?ha=true&reconnectAttempts=-1";

    @Test
    void anEndlessFirstConnectionIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> BrokerUrlCheck.check(ArtemisMode.NATIVE, HA + "&initialConnectAttempts=-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KETENPOORT_BROKER_URL")
                .hasMessageContaining("initialConnectAttempts=5");
        assertThatThrownBy(() -> BrokerUrlCheck.check(null, "tcp://broker:61616?initialconnectattempts=-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNumberOfAttemptsTheEmbeddedBrokerAndNoUrlPass() {
        assertThatCode(() -> BrokerUrlCheck.check(ArtemisMode.NATIVE, HA + "&initialConnectAttempts=5"))
                .doesNotThrowAnyException();
        assertThatCode(() -> BrokerUrlCheck.check(ArtemisMode.NATIVE, HA)).doesNotThrowAnyException();
        assertThatCode(() -> BrokerUrlCheck.check(ArtemisMode.EMBEDDED, HA + "&initialConnectAttempts=-1"))
                .doesNotThrowAnyException();
        assertThatCode(() -> BrokerUrlCheck.check(ArtemisMode.NATIVE, null)).doesNotThrowAnyException();
    }
}
