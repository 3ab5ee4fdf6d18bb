package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.utils.JsonLoader;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/artemis/broker.properties} as the external Artemis broker reads it (the single broker and both brokers of
 * the shared-store pair in docker-compose.yml): every key must be a property Artemis knows (Artemis does not log an
 * unknown key; it only lists it under "errors" in its Status attribute), and it configures the one address the gateway
 * uses, the wake-up topic.
 */
class BrokerPropertiesTest {

    private static final Path FILE = Path.of("docker/artemis/broker.properties");

    private static ConfigurationImpl loaded() throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.parseProperties(FILE.toAbsolutePath().toString());
        return configuration;
    }

    @Test
    void artemisAcceptsEveryKeyOfBrokerProperties() throws Exception {
        var status = JsonLoader.readObject(new StringReader(loaded().getStatus()));
        var file = status.getJsonObject("properties").getJsonObject(FILE.getFileName().toString());

        assertThat(file).as("Artemis read %s", FILE).isNotNull();
        assertThat(file.containsKey("errors") ? file.getJsonArray("errors").toString() : "[]")
                .as("keys Artemis rejected in %s", FILE).isEqualTo("[]");
    }

    @Test
    void anUnknownKeyIsReportedAsAnError() throws Exception {
        // The check above must be able to fail: the key that did nothing before this test existed.
        Properties misspelt = new Properties();
        misspelt.setProperty("idCacheSize", "100000");
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.parsePrefixedProperties(misspelt, null);

        assertThat(configuration.getStatus()).contains("idCacheSize").contains("errors");
        assertThat(configuration.getIDCacheSize()).isEqualTo(20_000);
    }

    @Test
    void theWakeUpTopicIsCreatedOnUseAndDropsWhenFull() throws Exception {
        // The broker carries only the wake-ups of DeliveryWakeups: no delivery queues, so no redelivery or dead-letter
        // settings; a full wake-up address drops instead of paging or blocking the committing node.
        var settings = loaded().getAddressSettings();

        assertThat(settings).containsOnlyKeys(DeliveryWakeups.TOPIC);
        var wakeUps = settings.get(DeliveryWakeups.TOPIC);
        assertThat(wakeUps.isAutoCreateAddresses()).isTrue();
        assertThat(wakeUps.isAutoCreateQueues()).isTrue();
        assertThat(wakeUps.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.DROP);
        assertThat(wakeUps.getMaxSizeBytes()).isPositive();
    }
}
