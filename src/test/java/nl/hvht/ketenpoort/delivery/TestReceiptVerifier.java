package nl.hvht.ketenpoort.delivery;

import java.net.URI;
import java.util.List;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.bericht.ReceiptParser;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerKind;
import nl.hvht.ketenpoort.signing.TestSignatures;
import nl.hvht.ketenpoort.support.SignedReceipts;
import nl.hvht.ketenpoort.support.TestPki;

/**
 * For tests outside this package: the gateway's {@link ReceiptVerifier} (trust anchor the test CA, no revocation check)
 * on a receipt for an example partner of the test PKI.
 */
public final class TestReceiptVerifier {

    private static final ReceiptVerifier VERIFIER = new ReceiptVerifier(TestSignatures.inbound(List.of(TestPki.caCertificate())),
            new ReceiptParser(BerichtProperties.defaults()));

    private TestReceiptVerifier() {
    }

    /**
     * The verdict on a receipt of {@code partnerId} for the delivery of {@code posted} as {@code berichtId}: null when
     * the gateway accepts it, else the reason code it gives.
     */
    public static String refusal(byte[] cms, String partnerId, String berichtId, byte[] posted) {
        Partner partner = new Partner(partnerId, partnerId, SignedReceipts.oin(partnerId), PartnerKind.ZORGPARTNER,
                URI.create("https://localhost/" + partnerId), TestPki.pki().partner(partnerId).certificate());
        ReceiptVerifier.Verdict verdict = VERIFIER.verify(cms, partner, berichtId, posted);
        return verdict.isValid() ? null : verdict.reason();
    }
}
