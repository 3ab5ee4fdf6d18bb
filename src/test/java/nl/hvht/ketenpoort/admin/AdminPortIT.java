package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The admin side lives on its own port: partner paths are refused there, admin paths on the partner port. */
class AdminPortIT extends GatewayTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theAdminApiAnswersOnlyAuthenticatedAdministratorsOnTheAdminPort() {
        Admin kijker = newAdmin("KIJKER");
        assertThat(adminGet(kijker, "/beheer/api/v1/doorbraken").statusCode()).isEqualTo(200);
        assertThat(adminGet(null, "/beheer/api/v1/doorbraken").statusCode()).isEqualTo(401);
        assertThat(adminGet(new Admin(kijker.naam(), "wrong-password"), "/beheer/api/v1/doorbraken").statusCode()).isEqualTo(401);
        assertThat(adminGet(new Admin("nobody-" + UUID.randomUUID(), "x"), "/beheer/api/v1/doorbraken").statusCode()).isEqualTo(401);
        // The console session is reused: no new session per request.
        assertThat(adminGet(kijker, "/beheer/api/v1/doorbraken").headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void anInactiveAdministratorIsRefused() {
        Admin former = newAdmin("BEHEERDER");
        jdbc.update("update beheerder set actief = false where gebruikersnaam = ?", former.naam());
        assertThat(adminGet(former, "/beheer/api/v1/doorbraken").statusCode()).isEqualTo(401);
    }

    @Test
    void partnerPathsAreRefusedOnTheAdminPort() {
        String path = "/api/v1/berichten/" + UUID.randomUUID();
        assertThat(adminGet(null, path).statusCode()).isEqualTo(401);
        HttpResponse<String> asAdmin = adminGet(newAdmin("BEHEERDER"), path);
        assertThat(asAdmin.statusCode()).isEqualTo(403);
        assertThat(json(asAdmin).get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(adminGet(newAdmin("BEHEERDER"), "/demo/ontvangst/tactus").statusCode()).isEqualTo(403);
    }

    @Test
    void adminPathsAreRefusedOnThePartnerPort() {
        assertThat(get("hvht", "/beheer/api/v1/doorbraken").statusCode()).isEqualTo(403);
        assertThat(get("hvht", "/api/v1/berichten/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }
}
