package nl.hvht.ketenpoort;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ketenpoort: the consent-gated information exchange gateway of Huis van Herstel Twente. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KetenpoortApplication {

    public static void main(String[] args) {
        SpringApplication.run(KetenpoortApplication.class, args);
    }
}
