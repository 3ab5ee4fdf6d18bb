package nl.hvht.ketenpoort.partner;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import nl.hvht.ketenpoort.support.TestKeys;
import nl.hvht.ketenpoort.support.TestPki;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class VersleutelingTest {

    private static final X509Certificate EC_TLS = TestPki.pki().partner("justact").certificate();
    private static final X509Certificate EC_SIGNING_ONLY = TestPki.pki().gatewaySigning().certificate();

    @ParameterizedTest
    @EnumSource(value = Versleuteling.class, names = "GEEN", mode = EnumSource.Mode.EXCLUDE)
    void acceptsTheExampleEcCertificateWithKeyAgreementAndAnRsaCertificateWithKeyEncipherment(Versleuteling scheme) {
        assertThatCode(() -> scheme.check("justact", EC_TLS)).doesNotThrowAnyException();
        assertThatCode(() -> scheme.check("justact", TestKeys.rsa(2048, KeyUsage.keyEncipherment).certificate()))
                .doesNotThrowAnyException();
        assertThatCode(() -> scheme.check("justact", TestKeys.rsa(2048, 0).certificate())).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(value = Versleuteling.class, names = "GEEN", mode = EnumSource.Mode.EXCLUDE)
    void refusesCertificatesThatCannotBeEncryptedFor(Versleuteling scheme) {
        assertThatThrownBy(() -> scheme.check("justact", EC_SIGNING_ONLY))
                .hasMessageContaining("'justact'").hasMessageContaining("keyAgreement");
        assertThatThrownBy(() -> scheme.check("justact", TestKeys.rsa(2048, KeyUsage.digitalSignature).certificate()))
                .hasMessageContaining("'justact'").hasMessageContaining("keyEncipherment");
        assertThatThrownBy(() -> scheme.check("justact", TestKeys.rsa(1024, KeyUsage.keyEncipherment).certificate()))
                .hasMessageContaining("'justact'").hasMessageContaining("2048");
    }

    @Test
    void noEncryptionNeedsNothingOfTheCertificate() {
        assertThatCode(() -> Versleuteling.GEEN.check("hvht", EC_SIGNING_ONLY)).doesNotThrowAnyException();
    }
}
