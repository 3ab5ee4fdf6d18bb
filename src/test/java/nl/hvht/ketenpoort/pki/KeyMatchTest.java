package nl.hvht.ketenpoort.pki;

import static org.assertj.core.api.Assertions.assertThat;

import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.TestKeys;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;

class KeyMatchTest {

    @Test
    void aKeyMatchesItsOwnCertificateOnly() {
        IssuedCertificate one = TestKeys.rsa(2048, 0);
        IssuedCertificate other = TestKeys.rsa(2048, 0);
        assertThat(KeyMatch.matches(one.privateKey(), one.certificate())).isTrue();
        assertThat(KeyMatch.matches(one.privateKey(), other.certificate())).isFalse();
    }

    @Test
    void anEcKeyIsCheckedWithEcdsaAndAnAlgorithmTheKeyCannotUseIsNoMatch() {
        IssuedCertificate ec = TestPki.pki().gatewaySigning();
        assertThat(KeyMatch.matches(ec.privateKey(), ec.certificate())).isTrue();
        assertThat(KeyMatch.matches(ec.privateKey(), ec.certificate(), "SHA256withRSA")).isFalse();
    }
}
