/**
 * Message signatures: signing outgoing messages as CMS SignedData with the gateway's signing key
 * ({@link nl.hvht.ketenpoort.signing.BerichtSigner}, configured by
 * {@link nl.hvht.ketenpoort.signing.SigningProperties}) and verifying CMS SignedData against a set of
 * trust anchors ({@link nl.hvht.ketenpoort.signing.SignatureVerifier}, revocation by CRL through
 * {@link nl.hvht.ketenpoort.pki.CrlRevocation}), which refuses with a coded
 * {@link nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason}. Signed messages from partners are
 * verified by {@link nl.hvht.ketenpoort.signing.InboundSignatures} (configured by
 * {@link nl.hvht.ketenpoort.signing.InboundSignatureProperties}, {@code ketenpoort.signing.inbound}), which
 * also requires the signer's OIN to be the sender's. Outbound encryption: a recipient's signed copy
 * ({@link nl.hvht.ketenpoort.signing.CopySigner}) is encrypted for its certificate when the registry's
 * {@code versleuteling} asks for it ({@link nl.hvht.ketenpoort.signing.BerichtEncryptor}: CMS AuthEnvelopedData
 * with AES-256-GCM or EnvelopedData with AES-256-CBC; RSA-OAEP or ECDH key management);
 * {@link nl.hvht.ketenpoort.signing.BerichtDecryptor} is the receiving side, failing with one
 * {@link nl.hvht.ketenpoort.signing.DecryptionFailedException}; {@link nl.hvht.ketenpoort.signing.CmsContentTypes}
 * names the media type of each form.
 *
 * <p>{@code SignatureVerifier}, {@code SignatureInvalidException}, {@code VerifiedContent}, {@code SigningKeyUsage}, {@code BerichtDecryptor}, {@code DecryptionFailedException} and {@code CmsContentTypes} (with {@code pki.CrlRevocation} and
 * {@code partner.CertificateIdentity}, {@code partner.Versleuteling}) are also packed into the receiver's tool for
 * partners ({@code src/ontvanger/assembly.xml}): keep them free of Spring.
 */
package nl.hvht.ketenpoort.signing;
