package nl.hvht.ketenpoort.consent;

import nl.hvht.ketenpoort.problem.AdminCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import nl.hvht.ketenpoort.problem.Rejection;
import org.junit.jupiter.api.Test;

class DoorbraakTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String MOTIVERING = "Acuut gevaar voor de deelnemer; gemeente moet vandaag handelen.";

    private static Doorbraak open() {
        return Doorbraak.aanvraag(UUID.randomUUID().toString(), "gemeente-enschede", "beheerder1", MOTIVERING, T0);
    }

    @Test
    void theRequesterCannotApproveHisOwnRequest() {
        Doorbraak request = open();
        assertThatThrownBy(() -> request.goedkeuren("beheerder1", T0.plusSeconds(60)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(AdminCode.VIER_OGEN_VEREIST));
    }

    @Test
    void fourEyesIgnoresTheCaseOfTheUserName() {
        Doorbraak request = open();
        assertThatThrownBy(() -> request.goedkeuren("BEHEERDER1", T0.plusSeconds(60)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(AdminCode.VIER_OGEN_VEREIST));
    }

    @Test
    void aSecondAdministratorApproves() {
        Doorbraak request = open();
        Doorbraak approved = request.goedkeuren("beheerder2", T0.plusSeconds(60));
        assertThat(approved.status()).isEqualTo(Doorbraak.Status.GOEDGEKEURD);
        assertThat(approved.beoordeeldDoor()).isEqualTo("beheerder2");
        assertThat(approved.beoordeeldOp()).isEqualTo(T0.plusSeconds(60));
        assertThat(approved.grond()).isEqualTo(Grondslag.doorbraak(request.id()));
        assertThat(approved.grond().code()).isEqualTo("doorbraak:" + request.id());
    }

    @Test
    void aDecidedRequestCannotBeDecidedAgain() {
        Doorbraak approved = open().goedkeuren("beheerder2", T0);
        assertThatThrownBy(() -> approved.goedkeuren("beheerder3", T0))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(AdminCode.DOORBRAAK_AL_BEOORDEELD));
        assertThatThrownBy(() -> approved.afwijzen("beheerder3", T0))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(AdminCode.DOORBRAAK_AL_BEOORDEELD));
        Doorbraak refused = open().afwijzen("beheerder1", T0);
        assertThat(refused.status()).isEqualTo(Doorbraak.Status.AFGEWEZEN);
        assertThatThrownBy(() -> refused.goedkeuren("beheerder2", T0)).isInstanceOf(Rejection.class);
    }

    @Test
    void theRequesterMayWithdrawByRefusing() {
        assertThat(open().afwijzen("beheerder1", T0).status()).isEqualTo(Doorbraak.Status.AFGEWEZEN);
    }

    @Test
    void aMotiveringOfTwentyToTwoThousandCharactersIsRequired() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> Doorbraak.aanvraag(id, "tactus", "b1", "te kort", T0)).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> Doorbraak.aanvraag(id, "tactus", "b1", " ".repeat(30), T0)).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> Doorbraak.aanvraag(id, "tactus", "b1", "x".repeat(2001), T0)).isInstanceOf(Rejection.class);
        assertThat(Doorbraak.aanvraag(id, "tactus", "b1", "x".repeat(20), T0).status()).isEqualTo(Doorbraak.Status.AANGEVRAAGD);
        assertThat(Doorbraak.aanvraag(id, "tactus", "b1", "x".repeat(2000), T0).motivering()).hasSize(2000);
    }

    @Test
    void theMotiveringNeverShowsInToString() {
        assertThat(open().toString()).doesNotContain("gevaar");
    }
}
