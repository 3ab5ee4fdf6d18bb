package nl.hvht.ketenpoort.partner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.stereotype.Component;

/**
 * The partner network, loaded and checked at start-up. Start-up stops with a clear message on
 * duplicate ids or OINs, a missing or plain-http endpoint for a {@code push} partner or an endpoint for an {@code ophalen} one
 * ({@link Bezorging}), unreadable certificates, a certificate whose OIN is not the configured one, or one that
 * the configured {@link Versleuteling} cannot encrypt for. A partner's registered certificate can be replaced
 * while running ({@link PartnerCertificateReloader}); the rest of the network is fixed. Thread-safe: readers see a
 * consistent snapshot.
 */
@Component
public class PartnerRegistry {

    /**
     * The gateway's own id as the afzender of the messages it makes itself (its Retourberichten); no partner may have
     * it.
     */
    public static final String GATEWAY_ID = "ketenpoort";

    private final Map<String, PartnerProperties.Entry> entries = new LinkedHashMap<>();
    private volatile Map<String, Partner> byId = new LinkedHashMap<>();
    private volatile Map<String, Partner> byOin = new HashMap<>();
    private final Set<String> mustSign = new HashSet<>();
    private final Set<String> mustReceipt = new HashSet<>();
    private final Set<String> wantsReturns = new HashSet<>();
    private final Map<String, Versleuteling> encryption = new HashMap<>();
    private final Set<String> collects = new HashSet<>();
    private final String gatewayOin;

    PartnerRegistry(PartnerProperties properties) {
        this.gatewayOin = properties.gatewayOin();
        for (PartnerProperties.Entry entry : properties.netwerk()) {
            Partner partner = load(entry);
            if (GATEWAY_ID.equals(partner.id())) {
                throw new IllegalStateException("ketenpoort.partners: partner id '" + GATEWAY_ID + "' is the gateway's own");
            }
            if (byId.putIfAbsent(partner.id(), partner) != null) {
                throw new IllegalStateException("ketenpoort.partners: partner id '" + partner.id() + "' is configured twice");
            }
            if (byOin.putIfAbsent(partner.oin(), partner) != null) {
                throw new IllegalStateException("ketenpoort.partners: OIN of partner '" + partner.id() + "' is already used by '"
                        + byOin.get(partner.oin()).id() + "'");
            }
            entries.put(partner.id(), entry);
            if (entry.ondertekeningVerplicht()) {
                mustSign.add(partner.id());
            }
            if (entry.ontvangstbewijsVerplicht()) {
                mustReceipt.add(partner.id());
            }
            if (entry.retourberichten()) {
                wantsReturns.add(partner.id());
            }
            Versleuteling versleuteling = entry.versleuteling() == null ? Versleuteling.GEEN : entry.versleuteling();
            versleuteling.check(partner.id(), partner.certificate());
            encryption.put(partner.id(), versleuteling);
            if (entry.bezorging() == Bezorging.OPHALEN) {
                collects.add(partner.id());
            }
            if (partner.oin().equals(gatewayOin)) {
                throw new IllegalStateException("ketenpoort.partners: partner '" + partner.id() + "' has the gateway's own OIN");
            }
        }
    }

    /** The configured entries (certificate locations), in configuration order. */
    Collection<PartnerProperties.Entry> entries() {
        return entries.values();
    }

    /**
     * Replaces a partner's registered certificate, after the same checks as at start-up: it must carry the
     * partner's configured OIN in its subject serialNumber.
     *
     * @throws IllegalStateException (message without certificate content) when the certificate does not fit
     */
    synchronized void replaceCertificate(String partnerId, X509Certificate certificate) {
        Partner current = byId.get(partnerId);
        if (current == null) {
            throw new IllegalStateException("no partner '" + partnerId + "'");
        }
        String certOin = CertificateIdentity.oinOf(certificate).orElseThrow(() -> new IllegalStateException(
                "the new certificate of partner '" + partnerId + "' has no OIN in its subject serialNumber"));
        if (!certOin.equals(current.oin())) {
            throw new IllegalStateException("the new certificate of partner '" + partnerId + "' carries OIN " + certOin
                    + ", configured is " + current.oin());
        }
        Partner replaced = new Partner(current.id(), current.naam(), current.oin(), current.soort(), current.endpoint(),
                certificate);
        Map<String, Partner> newById = new LinkedHashMap<>(byId);
        newById.put(partnerId, replaced);
        Map<String, Partner> newByOin = new HashMap<>(byOin);
        newByOin.put(replaced.oin(), replaced);
        byId = newById;
        byOin = newByOin;
    }

    private static Partner load(PartnerProperties.Entry entry) {
        checkEndpoint(entry);
        X509Certificate certificate = readCertificate(entry);
        String certOin = CertificateIdentity.oinOf(certificate).orElseThrow(() -> new IllegalStateException(
                "ketenpoort.partners: certificate of partner '" + entry.id() + "' has no OIN in its subject serialNumber"));
        if (!certOin.equals(entry.oin())) {
            throw new IllegalStateException("ketenpoort.partners: certificate of partner '" + entry.id()
                    + "' carries OIN " + certOin + ", configured is " + entry.oin());
        }
        return new Partner(entry.id(), entry.naam(), entry.oin(), entry.soort(), entry.endpoint(), certificate);
    }

    /** A push partner needs an https endpoint; a partner that collects from its mailbox has none. */
    private static void checkEndpoint(PartnerProperties.Entry entry) {
        Bezorging bezorging = entry.bezorging() == null ? Bezorging.PUSH : entry.bezorging();
        if (bezorging == Bezorging.OPHALEN) {
            if (entry.endpoint() != null) {
                throw new IllegalStateException("ketenpoort.partners: partner '" + entry.id() + "' has bezorging: ophalen and an"
                        + " endpoint; remove the endpoint (it collects from its mailbox) or use bezorging: push");
            }
            return;
        }
        if (entry.endpoint() == null) {
            throw new IllegalStateException("ketenpoort.partners: partner '" + entry.id() + "' has no endpoint; give its https"
                    + " endpoint or set bezorging: ophalen (it collects from its mailbox)");
        }
        if (!"https".equalsIgnoreCase(entry.endpoint().getScheme())) {
            throw new IllegalStateException("ketenpoort.partners: endpoint of partner '" + entry.id() + "' must be https");
        }
    }

    static X509Certificate readCertificate(PartnerProperties.Entry entry) {
        try (InputStream in = entry.certificaat().getInputStream()) {
            List<X509Certificate> certificates = PemContent.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).getCertificates();
            if (certificates.isEmpty()) {
                throw new IllegalStateException("no certificate in file");
            }
            return certificates.get(0);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("ketenpoort.partners: certificate of partner '" + entry.id() + "' ("
                    + entry.certificaat().getDescription() + ") cannot be read: " + e.getMessage(), e);
        }
    }

    public Optional<Partner> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Partner> byOin(String oin) {
        return Optional.ofNullable(byOin.get(oin));
    }

    /** Whether the registry requires this partner to sign its messages (CMS); false for unknown ids. */
    public boolean ondertekeningVerplicht(String partnerId) {
        return mustSign.contains(partnerId);
    }

    /** Whether a delivery to this partner needs a valid signed receipt in its answer; false for unknown ids. */
    public boolean ontvangstbewijsVerplicht(String partnerId) {
        return mustReceipt.contains(partnerId);
    }

    /** Whether this partner gets a Retourbericht for every message it sends (registry: retourberichten); false for unknown ids. */
    public boolean retourberichten(String partnerId) {
        return wantsReturns.contains(partnerId);
    }

    /** How deliveries to this partner are encrypted after signing; {@link Versleuteling#GEEN} for unknown ids. */
    public Versleuteling versleuteling(String partnerId) {
        return encryption.getOrDefault(partnerId, Versleuteling.GEEN);
    }

    /**
     * How this partner gets its copies: {@link Bezorging#OPHALEN} when it collects them from its mailbox (it has no
     * endpoint), else {@link Bezorging#PUSH}; PUSH for unknown ids.
     */
    public Bezorging bezorging(String partnerId) {
        return collects.contains(partnerId) ? Bezorging.OPHALEN : Bezorging.PUSH;
    }

    public Collection<Partner> all() {
        return byId.values();
    }

    public String gatewayOin() {
        return gatewayOin;
    }
}
