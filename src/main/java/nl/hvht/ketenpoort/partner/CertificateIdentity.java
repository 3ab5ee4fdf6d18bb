package nl.hvht.ketenpoort.partner;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Reads the organisation identity (OIN in subject serialNumber, as PKIoverheid does) from a certificate. */
public final class CertificateIdentity {

    private CertificateIdentity() {
    }

    /** The OIN in the subject's serialNumber attribute, if exactly one 20-digit value is present. */
    public static Optional<String> oinOf(X509Certificate certificate) {
        if (certificate == null) {
            return Optional.empty();
        }
        X500Name subject;
        try {
            subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        } catch (IllegalArgumentException notAName) {
            // the JDK accepts some subjects Bouncy Castle cannot read as a Name (found by CertificateIdentityFuzzTest)
            return Optional.empty();
        }
        RDN[] rdns = subject.getRDNs(BCStyle.SERIALNUMBER);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        if (!(value instanceof ASN1String text)) {
            return Optional.empty();
        }
        String oin = text.getString();
        return oin.matches("\\d{20}") ? Optional.of(oin) : Optional.empty();
    }
}
