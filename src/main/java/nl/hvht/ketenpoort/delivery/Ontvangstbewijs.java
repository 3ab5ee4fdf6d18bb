package nl.hvht.ketenpoort.delivery;

import java.time.OffsetDateTime;

/**
 * A verified, stored receipt: proof that a partner received exactly the bytes we delivered.
 *
 * @param berichtId              the message
 * @param ontvanger              the partner that received it and signed the receipt
 * @param cms                    the receipt as the partner sent it (CMS SignedData, DER/BER); not copied
 * @param digest                 SHA-256 of the delivered bytes, lower-case hex, as the receipt states and we checked
 * @param ondertekenaarOnderwerp subject DN of the signer certificate (an organisation certificate)
 * @param ondertekenaarUitgever  issuer DN of the signer certificate
 * @param ondertekenaarSerienummer serial number of the signer certificate, hex
 * @param ondertekenaarOin       OIN in the signer certificate (the recipient's)
 * @param ontvangstmoment        when the partner says it received the message
 * @param ontvangenOp            when the gateway got the receipt (the partner's answer)
 * @param geverifieerdOp         when the gateway verified it
 */
public record Ontvangstbewijs(String berichtId, String ontvanger, byte[] cms, String digest, String ondertekenaarOnderwerp,
        String ondertekenaarUitgever, String ondertekenaarSerienummer, String ondertekenaarOin, OffsetDateTime ontvangstmoment,
        OffsetDateTime ontvangenOp, OffsetDateTime geverifieerdOp) {

    @Override
    public String toString() {
        return "Ontvangstbewijs[" + berichtId + ":" + ontvanger + ", bytes=" + cms.length + "]";
    }
}
