package nl.hvht.ketenpoort.pki;

import java.io.IOException;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.stereotype.Component;

/**
 * The certificates the gateway depends on, as they are now: its TLS certificate (from the current, possibly
 * reloaded, SSL bundle {@code gateway-tls}), its signing certificate (read from its file each time, so a
 * replaced file shows at once) and every partner's registered certificate. Never touches a private key.
 */
@Component
class CertificateInventory {

    private final SslBundles bundles;
    private final GatewaySigningCertificate signing;
    private final PartnerRegistry partners;

    CertificateInventory(SslBundles bundles, GatewaySigningCertificate signing, PartnerRegistry partners) {
        this.bundles = bundles;
        this.signing = signing;
        this.partners = partners;
    }

    /** The current certificates, and the owners whose certificate cannot be read right now. */
    record Snapshot(List<OwnedCertificate> certificates, List<String> unreadable) {
    }

    Snapshot current() {
        List<OwnedCertificate> certificates = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        gatewayTls().ifPresentOrElse(c -> certificates.add(new OwnedCertificate(OwnedCertificate.GATEWAY_TLS, true, c)),
                () -> unreadable.add(OwnedCertificate.GATEWAY_TLS));
        gatewaySigning().ifPresentOrElse(c -> certificates.add(new OwnedCertificate(OwnedCertificate.GATEWAY_SIGNING, true, c)),
                () -> unreadable.add(OwnedCertificate.GATEWAY_SIGNING));
        for (Partner partner : partners.all()) {
            certificates.add(new OwnedCertificate(partner.id(), false, partner.certificate()));
        }
        return new Snapshot(Collections.unmodifiableList(certificates), Collections.unmodifiableList(unreadable));
    }

    /** The current certificate of one owner, if it can be read. */
    Optional<OwnedCertificate> of(String owner) {
        return switch (owner) {
            case OwnedCertificate.GATEWAY_TLS -> gatewayTls().map(c -> new OwnedCertificate(owner, true, c));
            case OwnedCertificate.GATEWAY_SIGNING -> gatewaySigning().map(c -> new OwnedCertificate(owner, true, c));
            default -> partners.byId(owner).map(p -> new OwnedCertificate(owner, false, p.certificate()));
        };
    }

    private Optional<X509Certificate> gatewayTls() {
        try {
            KeyStore keyStore = bundles.getBundle(OwnedCertificate.GATEWAY_TLS).getStores().getKeyStore();
            if (keyStore == null) {
                return Optional.empty();
            }
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate certificate) {
                    return Optional.of(certificate);
                }
            }
            return Optional.empty();
        } catch (KeyStoreException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<X509Certificate> gatewaySigning() {
        try (InputStream in = signing.certificate().getInputStream()) {
            List<X509Certificate> chain = PemContent.load(in).getCertificates();
            return chain == null || chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
