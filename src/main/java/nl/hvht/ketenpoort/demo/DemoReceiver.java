package nl.hvht.ketenpoort.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.partner.Versleuteling;
import nl.hvht.ketenpoort.pki.PkiProperties;
import nl.hvht.ketenpoort.signing.BerichtDecryptor;
import nl.hvht.ketenpoort.signing.SignatureInvalidException;
import nl.hvht.ketenpoort.signing.SignatureVerifier;
import nl.hvht.ketenpoort.signing.VerifiedContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for every example partner in the demo run: receives what the gateway delivers, decrypts it with the
 * partner's example key ({@code <pki.dir>/<partnerId>.key}) when the partner's registry entry has a
 * {@code versleuteling}, verifies the CMS signature and the signer's chain against the example CA, and logs the
 * result (ids only).
 */
@RestController
@ConditionalOnProperty(name = "ketenpoort.demo.enabled", havingValue = "true")
class DemoReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(DemoReceiver.class);

    private final SignatureVerifier verifier;
    private final PartnerRegistry partners;
    private final Path pkiDir;

    DemoReceiver(PkiProperties pki, PartnerRegistry partners) throws IOException, CertificateException {
        this.partners = partners;
        this.pkiDir = pki.dir();
        try (InputStream in = Files.newInputStream(pki.dir().resolve("ca.crt"))) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            this.verifier = new SignatureVerifier(List.of(ca));
        }
    }

    @PostMapping(path = "/demo/ontvangst/{partnerId}", consumes = "application/pkcs7-mime",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(@PathVariable String partnerId, @RequestBody byte[] received,
            @RequestHeader("Ketenpoort-BerichtId") String berichtId,
            @RequestHeader(name = "Ketenpoort-BerichtType", required = false) String berichtType) {
        Optional<Partner> partner = partners.byId(partnerId);
        if (partner.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        byte[] signed = received;
        if (partners.versleuteling(partnerId) != Versleuteling.GEEN) {
            try {
                signed = new BerichtDecryptor(partnerKey(partnerId), partner.get().certificate()).decrypt(received);
                LOG.info("demo-ontvanger {}: {} {} ontsleuteld", partnerId, berichtType, berichtId);
            } catch (IOException | RuntimeException e) {
                LOG.warn("demo-ontvanger {}: {} {} geweigerd, ontsleutelen mislukt", partnerId, berichtType, berichtId);
                return ResponseEntity.badRequest().body(Map.of("berichtId", berichtId, "ontsleuteling", "mislukt"));
            }
        }
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

    /** The partner's example private key; the id is a registered partner id, so it is a safe file name. */
    private PrivateKey partnerKey(String partnerId) throws IOException {
        PrivateKey key = PemContent.load(pkiDir.resolve(partnerId + ".key")).getPrivateKey();
        if (key == null) {
            throw new IOException("no private key for partner " + partnerId);
        }
        return key;
    }
}
