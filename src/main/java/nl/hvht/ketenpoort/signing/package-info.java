/**
 * Message signatures: signing outgoing messages as CMS SignedData with the gateway's signing key
 * ({@link nl.hvht.ketenpoort.signing.MessageSigner}, configured by
 * {@link nl.hvht.ketenpoort.signing.SigningProperties}) and verifying CMS SignedData against a set of
 * trust anchors ({@link nl.hvht.ketenpoort.signing.SignatureVerifier}), which refuses with a coded
 * {@link nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason}.
 */
package nl.hvht.ketenpoort.signing;
