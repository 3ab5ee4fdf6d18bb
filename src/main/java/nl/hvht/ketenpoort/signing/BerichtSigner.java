package nl.hvht.ketenpoort.signing;

/** Signs outgoing messages with the gateway's signing key. */
public interface BerichtSigner {

    /**
     * Wraps the content in CMS SignedData (DER): content encapsulated, signed attributes
     * (content-type, message-digest, signing-time, CMS algorithm protection), signer certificate
     * and its chain included.
     */
    byte[] sign(byte[] content);
}
