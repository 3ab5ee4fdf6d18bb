package nl.hvht.ketenpoort.partner;

import java.net.URI;
import java.security.cert.X509Certificate;

/**
 * A partner organisation in the network.
 *
 * @param id          stable partner id, e.g. {@code gemeente-hof-van-twente} (external contract)
 * @param naam        display name
 * @param oin         Organisatie-identificatienummer (20 digits), as in its certificate's subject serialNumber
 * @param soort       kind of organisation
 * @param endpoint    HTTPS URL the gateway delivers this partner's messages to; null for a partner that collects them
 *                    from its mailbox ({@link Bezorging#OPHALEN})
 * @param certificate the partner's registered certificate
 */
public record Partner(String id, String naam, String oin, PartnerSoort soort, URI endpoint, X509Certificate certificate) {

    @Override
    public String toString() {
        return "Partner[" + id + ", oin=" + oin + ", soort=" + soort + "]";
    }
}
