package nl.hvht.ketenpoort;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Ketenpoort: the consent-gated information exchange gateway of Huis van Herstel Twente. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KetenpoortApplication {

    public static void main(String[] args) {
        SpringApplication.run(KetenpoortApplication.class, args);
    }

    /** The one clock of the gateway (UTC); tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
