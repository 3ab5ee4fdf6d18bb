package nl.hvht.ketenpoort.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Certificate-to-OIN extraction under fuzzing: bytes the JDK accepts as an X.509 certificate give an
 * Optional from {@link CertificateIdentity#oinOf}, never an exception, and a present OIN is exactly 20
 * digits. Bytes the JDK refuses ({@link CertificateException}) are out of scope: TLS never hands those on.
 */
class CertificateIdentityFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void oinOf(byte[] der) throws Exception {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException notACertificate) {
            return;
        }
        Optional<String> oin = CertificateIdentity.oinOf(certificate);
        assertThat(oin).isNotNull();
        oin.ifPresent(value -> assertThat(value).matches("[0-9]{20}"));
    }
}
