package nl.hvht.ketenpoort.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import nl.hvht.ketenpoort.bericht.OntvangstbevestigingContent;
import nl.hvht.ketenpoort.bericht.OntvangstbevestigingParser;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.signing.InboundSignatures;
import nl.hvht.ketenpoort.signing.SignatureInvalidException;
import nl.hvht.ketenpoort.signing.VerifiedContent;
import org.springframework.stereotype.Component;

/**
 * Checks a partner's signed receipt for one delivery: the CMS signature exactly as for a signed inbound message
 * ({@link InboundSignatures}: PKIX path to the trust anchors, CRL, algorithm allowlist, a signing certificate, not a
 * TLS one) with the recipient's OIN as the required signer OIN; then the {@code ontvangstbevestiging} in it
 * ({@link OntvangstbevestigingParser}): its berichtId and ontvanger must be this delivery's, and its digest the SHA-256 of the
 * exact bytes we POSTed. The verdict holds a stable reason code, never content.
 */
@Component
class OntvangstbewijsVerifier {

    /** Why a receipt was refused, besides the signature's own reasons ({@link SignatureInvalidException.Reason}). */
    enum Problem {
        /** The signed content is not a valid {@code ontvangstbevestiging}. */
        CONTENT_INVALID,
        /** The receipt names another berichtId. */
        BERICHT_ID_MISMATCH,
        /** The receipt names another recipient. */
        ONTVANGER_MISMATCH,
        /** The digest is not the SHA-256 of the bytes we delivered. */
        DIGEST_MISMATCH
    }

    private final InboundSignatures signatures;
    private final OntvangstbevestigingParser parser;

    OntvangstbewijsVerifier(InboundSignatures signatures, OntvangstbevestigingParser parser) {
        this.signatures = signatures;
        this.parser = parser;
    }

    /**
     * @param cms       the partner's answer body (CMS SignedData)
     * @param recipient the partner we delivered to
     * @param berichtId the message delivered
     * @param posted    the exact bytes we POSTed
     */
    Verdict verify(byte[] cms, Partner recipient, String berichtId, byte[] posted) {
        VerifiedContent verified;
        try {
            verified = signatures.verify(cms, recipient.oin());
        } catch (SignatureInvalidException e) {
            return Verdict.refused(e.reason().name());
        }
        Optional<OntvangstbevestigingContent> parsed = parser.parse(verified.content());
        if (parsed.isEmpty()) {
            return Verdict.refused(Problem.CONTENT_INVALID.name());
        }
        OntvangstbevestigingContent receipt = parsed.get();
        if (!receipt.berichtId().equals(berichtId)) {
            return Verdict.refused(Problem.BERICHT_ID_MISMATCH.name());
        }
        if (!receipt.ontvanger().equals(recipient.id())) {
            return Verdict.refused(Problem.ONTVANGER_MISMATCH.name());
        }
        String digest = sha256(posted);
        if (!MessageDigest.isEqual(digest.getBytes(StandardCharsets.US_ASCII), receipt.digest().getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.refused(Problem.DIGEST_MISMATCH.name());
        }
        return Verdict.valid(new Accepted(cms, digest, verified.signerCertificate(), receipt.ontvangstmoment()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /** A verified receipt: what is stored as proof. */
    record Accepted(byte[] cms, String digest, X509Certificate signer, OffsetDateTime ontvangstmoment) {

        String serial() {
            return signer.getSerialNumber().toString(16);
        }

        String oin() {
            return CertificateIdentity.oinOf(signer).orElseThrow();
        }

        @Override
        public String toString() {
            return "Accepted[bytes=" + cms.length + "]";
        }
    }

    /** Valid (with the receipt) or refused (with a reason code). */
    record Verdict(Accepted accepted, String reason) {

        static Verdict valid(Accepted accepted) {
            return new Verdict(accepted, null);
        }

        static Verdict refused(String reason) {
            return new Verdict(null, reason);
        }

        boolean isValid() {
            return accepted != null;
        }
    }
}
