package nl.hvht.ketenpoort.delivery;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Delivery settings of the embedded broker: exponential redelivery backoff on the delivery queues, a
 * dead-letter address as safety net behind the gateway's own attempt limit, and a persisted, generous
 * duplicate-id cache. An external broker needs the same address settings in its broker.xml (see
 * docker-compose.yml).
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfig {

    @Bean
    ArtemisConfigurationCustomizer deliveryAddressSettings(DeliveryProperties properties) {
        return configuration -> {
            AddressSettings delivery = new AddressSettings()
                    .setRedeliveryDelay(properties.redeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(properties.redeliveryMultiplier())
                    .setMaxRedeliveryDelay(properties.maxRedeliveryDelay().toMillis())
                    .setMaxDeliveryAttempts(properties.maxAttempts() + 2)
                    .setDeadLetterAddress(SimpleString.of(Queues.DEAD_LETTER));
            configuration.addAddressSetting(Queues.DELIVERY_MATCH, delivery);
            configuration.setIDCacheSize(100_000);
            configuration.setPersistIDCache(true);
        };
    }
}
