/**
 * Message signatures: signing outgoing messages as CMS SignedData with the gateway's signing key
 * ({@link nl.hvht.ketenpoort.signing.MessageSigner}, configured by
 * {@link nl.hvht.ketenpoort.signing.SigningProperties}) and verifying CMS SignedData against a set of
 * trust anchors ({@link nl.hvht.ketenpoort.signing.SignatureVerifier}, revocation by CRL through
 * {@link nl.hvht.ketenpoort.signing.CrlRevocation}), which refuses with a coded
 * {@link nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason}. Signed messages from partners are
 * verified by {@link nl.hvht.ketenpoort.signing.InboundSignatures} (configured by
 * {@link nl.hvht.ketenpoort.signing.InboundSignatureProperties}, {@code ketenpoort.signing.inbound}), which
 * also requires the signer's OIN to be the sender's.
 */
package nl.hvht.ketenpoort.signing;
