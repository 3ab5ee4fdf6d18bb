package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class AdminRoleTest {

    @Test
    void rolesRoundTripThroughTheStoredForm() {
        assertThat(AdminRole.codes(EnumSet.of(AdminRole.KIJKER, AdminRole.BEHEERDER))).isEqualTo("BEHEERDER,KIJKER");
        assertThat(AdminRole.parse("BEHEERDER, KIJKER")).containsExactlyInAnyOrder(AdminRole.BEHEERDER, AdminRole.KIJKER);
        assertThat(AdminRole.parse("")).isEmpty();
        assertThat(AdminRole.PRIVACY.authority()).isEqualTo("ROLE_PRIVACY");
    }

    @Test
    void anUnknownStoredRoleFailsInsteadOfBeingIgnored() {
        assertThatThrownBy(() -> AdminRole.parse("BEHEERDER,GOD")).isInstanceOf(IllegalArgumentException.class);
    }
}
