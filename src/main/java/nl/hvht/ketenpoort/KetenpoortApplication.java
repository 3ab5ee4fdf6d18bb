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

    /** JSSE reads this once, at the first server handshake; see {@link #hardenTls()}. */
    static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    static {
        hardenTls();
    }

    public static void main(String[] args) {
        hardenTls();
        SpringApplication.run(KetenpoortApplication.class, args);
    }

    /**
     * Client-initiated TLS renegotiation (TLS 1.2) is refused on every port: a renegotiating client costs the server a
     * full handshake per request without a new connection (a cheap CPU exhaustion), and the gateway never needs one
     * (client certificates are asked for in the first handshake). JSSE reads the system property once, when its
     * server handshake class is initialised, so it is set before anything starts a server (here, and in the test
     * configuration, pom.xml). TLS 1.3 has no renegotiation.
     */
    static void hardenTls() {
        System.setProperty(REJECT_CLIENT_RENEGOTIATION, "true");
    }

    /** The one clock of the gateway (UTC); tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
