package nl.hvht.ketenpoort.delivery;

import java.net.URI;
import java.util.List;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.bericht.OntvangstbevestigingParser;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import nl.hvht.ketenpoort.signing.TestSignatures;
import nl.hvht.ketenpoort.support.SignedOntvangstbewijzen;
import nl.hvht.ketenpoort.support.TestPki;

/**
 * For tests outside this package: the gateway's {@link OntvangstbewijsVerifier} (trust anchor the test CA, no revocation check)
 * on a receipt for an example partner of the test PKI.
 */
public final class TestOntvangstbewijsVerifier {

    private static final OntvangstbewijsVerifier VERIFIER = new OntvangstbewijsVerifier(TestSignatures.inbound(List.of(TestPki.caCertificate())),
            new OntvangstbevestigingParser(BerichtProperties.defaults()));

    private TestOntvangstbewijsVerifier() {
    }

    /**
     * The verdict on a receipt of {@code partnerId} for the delivery of {@code posted} as {@code berichtId}: null when
     * the gateway accepts it, else the reason code it gives.
     */
    public static String refusal(byte[] cms, String partnerId, String berichtId, byte[] posted) {
        Partner partner = new Partner(partnerId, partnerId, SignedOntvangstbewijzen.oin(partnerId), PartnerSoort.ZORGPARTNER,
                URI.create("https://localhost/" + partnerId), TestPki.pki().partner(partnerId).certificate());
        OntvangstbewijsVerifier.Verdict verdict = VERIFIER.verify(cms, partner, berichtId, posted);
        return verdict.isValid() ? null : verdict.reason();
    }
}
