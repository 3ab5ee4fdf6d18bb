package nl.hvht.ketenpoort.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Certificate validity on the management port: health component 'certificates', Spring Boot's 'ssl', and the gauge. */
class CertificateHealthIT extends GatewayTestSupport {

    private final HttpClient management = HttpClient.newHttpClient();

    @Autowired
    private PartnerRegistry partners;

    private HttpResponse<String> actuator(String path) throws IOException, InterruptedException {
        return management.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/" + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthShowsEveryCertificateWithoutKeyMaterial() throws Exception {
        HttpResponse<String> response = actuator("health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode certificates = JSON.readTree(response.body()).at("/components/certificates");
        assertThat(certificates.get("status").asText()).isEqualTo("UP");
        assertThat(certificates.at("/details/expiryWarningDays").asLong()).isEqualTo(30);
        assertThat(certificates.at("/details/expiringSoon")).isEmpty();
        assertThat(certificates.at("/details/unreadable")).isEmpty();
        List<String> owners = new ArrayList<>();
        for (JsonNode certificate : certificates.at("/details/certificates")) {
            owners.add(certificate.get("owner").asText());
            assertThat(certificate.get("oin").asText()).matches("\\d{20}");
            assertThat(certificate.get("daysLeft").asLong()).isBetween(700L, 731L);
        }
        List<String> expected = new ArrayList<>(List.of("gateway-tls", "gateway-signing"));
        partners.all().forEach(p -> expected.add(p.id()));
        assertThat(owners).containsExactlyElementsOf(expected);
        assertThat(response.body()).doesNotContain("PRIVATE KEY").doesNotContain("BEGIN CERTIFICATE");
        // Spring Boot's own check of the SSL bundle chains is on as well.
        assertThat(JSON.readTree(response.body()).at("/components/ssl/status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesDaysLeftPerOwnerAndOin() throws Exception {
        HttpResponse<String> response = actuator("prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        String tactusOin = partners.byId("tactus").orElseThrow().oin();
        assertThat(gauge(response.body(), "tactus", tactusOin)).isBetween(700.0, 731.0);
        assertThat(gauge(response.body(), "gateway-signing", partners.gatewayOin())).isBetween(700.0, 731.0);
        assertThat(gauge(response.body(), "gateway-tls", partners.gatewayOin())).isBetween(700.0, 731.0);
    }

    private static double gauge(String scrape, String owner, String oin) {
        Matcher line = Pattern.compile("(?m)^ketenpoort_certificate_days_left\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (line.find()) {
            if (line.group(1).contains("owner=\"" + owner + "\"") && line.group(1).contains("oin=\"" + oin + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("no ketenpoort_certificate_days_left for owner " + owner + " and oin " + oin);
    }
}
