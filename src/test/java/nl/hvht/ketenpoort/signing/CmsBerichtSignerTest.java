package nl.hvht.ketenpoort.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.hvht.ketenpoort.demo.pki.ExamplePki;
import nl.hvht.ketenpoort.support.TestPki;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

class CmsBerichtSignerTest {

    private static final byte[] CONTENT = "<bericht>voorbeeld-inhoud</bericht>".getBytes(StandardCharsets.UTF_8);

    static SigningProperties exampleProperties() {
        return new SigningProperties(new FileSystemResource(TestPki.cert(ExamplePki.GATEWAY_SIGNING)),
                new FileSystemResource(TestPki.key(ExamplePki.GATEWAY_SIGNING)));
    }

    private final CmsBerichtSigner signer = new CmsBerichtSigner(exampleProperties());

    @Test
    void signatureVerifiesIndependentlyWithBouncyCastleAndPkix() throws Exception {
        CMSSignedData signed = new CMSSignedData(signer.sign(CONTENT));

        assertThat(signed.getSignedContentTypeOID()).isEqualTo(CMSObjectIdentifiers.data.getId());
        assertThat((byte[]) signed.getSignedContent().getContent()).isEqualTo(CONTENT);
        assertThat(signed.getSignerInfos().size()).isEqualTo(1);
        SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();
        assertThat(info.getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId());

        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(info.getSID());
        assertThat(matches).hasSize(1);
        X509Certificate signerCert = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
        assertThat(signerCert).isEqualTo(TestPki.pki().gatewaySigning().certificate());
        assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCert))).isTrue();

        AttributeTable attributes = info.getSignedAttributes();
        assertThat(attributes).isNotNull();
        for (ASN1ObjectIdentifier type : List.of(CMSAttributes.contentType, CMSAttributes.messageDigest,
                CMSAttributes.signingTime, CMSAttributes.cmsAlgorithmProtect)) {
            assertThat(attributes.get(type)).as(type.getId()).isNotNull();
        }

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(TestPki.caCertificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(signerCert)), parameters);
    }

    /** The signing time is the moment of signing to the second, as Bouncy Castle writes it, built once per second. */
    @Test
    void signingTimeIsTheSecondOfSigning() throws Exception {
        long before = System.currentTimeMillis() / 1000 * 1000;
        CMSSignedData signed = new CMSSignedData(signer.sign(CONTENT));
        long after = System.currentTimeMillis();

        SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();
        java.util.Date signingTime = org.bouncycastle.asn1.cms.Time.getInstance(
                info.getSignedAttributes().get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0)).getDate();
        assertThat(signingTime.getTime()).isBetween(before, after).isEqualTo(signingTime.getTime() / 1000 * 1000);

        long t = java.time.Instant.parse("2026-12-03T09:00:00.250Z").toEpochMilli();
        assertThat(signer.signedAttributes(t + 700)).isSameAs(signer.signedAttributes(t));
        assertThat(signer.signedAttributes(t + 750)).isNotSameAs(signer.signedAttributes(t));
        java.util.Map<String, Object> parameters = java.util.Map.of(
                org.bouncycastle.cms.CMSAttributeTableGenerator.CONTENT_TYPE, CMSObjectIdentifiers.data,
                org.bouncycastle.cms.CMSAttributeTableGenerator.DIGEST, new byte[32],
                org.bouncycastle.cms.CMSAttributeTableGenerator.DIGEST_ALGORITHM_IDENTIFIER,
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                org.bouncycastle.cms.CMSAttributeTableGenerator.SIGNATURE_ALGORITHM_IDENTIFIER,
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.ecdsa_with_SHA256));
        AttributeTable atNextSecond = signer.signedAttributes(t + 750).getAttributes(parameters);
        assertThat(org.bouncycastle.asn1.cms.Time.getInstance(atNextSecond.get(CMSAttributes.signingTime).getAttrValues()
                .getObjectAt(0)).getDate()).isEqualTo(java.util.Date.from(java.time.Instant.parse("2026-12-03T09:00:01Z")));
        // Byte for byte what Bouncy Castle writes for that moment: UTCTime, and GeneralizedTime from 2050 on.
        for (String moment : List.of("2026-12-03T09:00:01.750Z", "2050-01-01T00:00:00.400Z")) {
            long millis = java.time.Instant.parse(moment).toEpochMilli();
            org.bouncycastle.asn1.ASN1Encodable written = signer.signedAttributes(millis).getAttributes(parameters)
                    .get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0);
            assertThat(written.toASN1Primitive().getEncoded()).as(moment).isEqualTo(
                    new org.bouncycastle.asn1.cms.Time(new java.util.Date(millis / 1000 * 1000)).toASN1Primitive().getEncoded());
        }
        assertThat(signer.signedAttributes(java.time.Instant.parse("2050-01-01T00:00:00Z").toEpochMilli())
                .getAttributes(parameters).get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0).toASN1Primitive())
                .isInstanceOf(org.bouncycastle.asn1.ASN1GeneralizedTime.class);
    }

    @Test
    void signatureVerifierAcceptsItAndReturnsContentAndSigner() throws Exception {
        VerifiedContent verified = new SignatureVerifier(List.of(TestPki.caCertificate())).verify(signer.sign(CONTENT));
        assertThat(verified.content()).isEqualTo(CONTENT);
        assertThat(verified.signerCertificate()).isEqualTo(TestPki.pki().gatewaySigning().certificate());
        assertThat(verified.toString()).doesNotContain("voorbeeld-inhoud");
    }

    @Test
    void isThreadSafe() throws Exception {
        SignatureVerifier verifier = new SignatureVerifier(List.of(TestPki.caCertificate()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] content = ("bericht " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> signer.sign(content)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(verifier.verify(results.get(i).get()).content())
                        .isEqualTo(("bericht " + i).getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failsFastWhenKeyDoesNotMatchCertificate() {
        SigningProperties mismatch = new SigningProperties(
                new FileSystemResource(TestPki.cert(ExamplePki.GATEWAY_SIGNING)), new FileSystemResource(TestPki.key("hvht")));
        assertThatThrownBy(() -> new CmsBerichtSigner(mismatch))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hvht.key")
                .hasMessageContaining("does not belong to")
                .hasMessageNotContaining("PRIVATE KEY");
    }

    @Test
    void failsFastWithFileNameWhenKeyIsMissingOrNotAKey() throws Exception {
        SigningProperties missing = new SigningProperties(
                new FileSystemResource(TestPki.cert(ExamplePki.GATEWAY_SIGNING)),
                new FileSystemResource(TestPki.dir().resolve("bestaat-niet.key")));
        assertThatThrownBy(() -> new CmsBerichtSigner(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bestaat-niet.key");

        SigningProperties certAsKey = new SigningProperties(
                new FileSystemResource(TestPki.cert(ExamplePki.GATEWAY_SIGNING)),
                new FileSystemResource(TestPki.cert(ExamplePki.GATEWAY_SIGNING)));
        assertThatThrownBy(() -> new CmsBerichtSigner(certAsKey))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway-signing.crt")
                .hasMessageNotContaining("BEGIN");
    }

    @Test
    void bindsFromConfigurationAndFailsStartupOnBadKey() {
        ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(SigningConfiguration.class);
        context.withPropertyValues(
                        "ketenpoort.signing.certificate=" + TestPki.cert(ExamplePki.GATEWAY_SIGNING).toUri(),
                        "ketenpoort.signing.private-key=" + TestPki.key(ExamplePki.GATEWAY_SIGNING).toUri())
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(BerichtSigner.class));
        context.withPropertyValues(
                        "ketenpoort.signing.certificate=" + TestPki.cert(ExamplePki.GATEWAY_SIGNING).toUri(),
                        "ketenpoort.signing.private-key=" + TestPki.key("tactus").toUri())
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("tactus.key").hasMessageContaining("does not belong to"));
        context.withPropertyValues("ketenpoort.signing.certificate=" + TestPki.cert(ExamplePki.GATEWAY_SIGNING).toUri())
                .run(started -> assertThat(started).hasFailed().getFailure().hasStackTraceContaining("privateKey"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SigningProperties.class)
    @Import(CmsBerichtSigner.class)
    static class SigningConfiguration {
    }

    @Test
    void propertiesNeverShowKeyMaterial() throws Exception {
        String pem = Files.readString(TestPki.key(ExamplePki.GATEWAY_SIGNING));
        SigningProperties inline = new SigningProperties(
                new FileSystemResource(TestPki.cert(ExamplePki.GATEWAY_SIGNING)),
                new ByteArrayResource(pem.getBytes(StandardCharsets.US_ASCII)));
        String keyBody = pem.lines().skip(1).findFirst().orElseThrow();
        assertThat(inline.toString()).doesNotContain("PRIVATE").doesNotContain(keyBody)
                .contains("gateway-signing.crt");
        assertThat(new CmsBerichtSigner(inline).sign(CONTENT)).isNotEmpty();
    }
}
