package nl.hvht.ketenpoort.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.pki.PkiProperties;
import nl.hvht.ketenpoort.signing.SignatureInvalidException;
import nl.hvht.ketenpoort.signing.SignatureVerifier;
import nl.hvht.ketenpoort.signing.VerifiedContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for every example partner in the demo run: receives what the gateway delivers, verifies the
 * CMS signature and the signer's chain against the example CA, and logs the result (ids only).
 */
@RestController
@ConditionalOnProperty(name = "ketenpoort.demo.enabled", havingValue = "true")
class DemoReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(DemoReceiver.class);

    private final SignatureVerifier verifier;

    DemoReceiver(PkiProperties pki) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(pki.dir().resolve("ca.crt"))) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            this.verifier = new SignatureVerifier(List.of(ca));
        }
    }

    @PostMapping(path = "/demo/ontvangst/{partnerId}", consumes = "application/pkcs7-mime",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(@PathVariable String partnerId, @RequestBody byte[] signed,
            @RequestHeader("Ketenpoort-BerichtId") String berichtId,
            @RequestHeader(name = "Ketenpoort-BerichtType", required = false) String berichtType) {
        try {
            VerifiedContent verified = verifier.verify(signed);
            String signer = CertificateIdentity.oinOf(verified.signerCertificate()).orElse("?");
            LOG.info("demo-ontvanger {}: {} {} ontvangen, handtekening geldig (ondertekenaar OIN {}, {} bytes)",
                    partnerId, berichtType, berichtId, signer, verified.content().length);
            return ResponseEntity.ok(Map.of("berichtId", berichtId, "handtekening", "geldig"));
        } catch (SignatureInvalidException e) {
            LOG.warn("demo-ontvanger {}: {} {} geweigerd, handtekening ongeldig: {}", partnerId, berichtType, berichtId, e.reason());
            return ResponseEntity.badRequest().body(Map.of("berichtId", berichtId, "handtekening", e.reason().name()));
        }
    }
}
