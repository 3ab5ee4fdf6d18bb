package nl.hvht.ketenpoort.demo.pki;

/** What a leaf certificate is for; decides its key usage and extended key usage. */
public enum CertificateProfile {

    /**
     * Mutual TLS, client and server: keyUsage digitalSignature and keyAgreement, EKU serverAuth and
     * clientAuth, SAN DNS:localhost and IP:127.0.0.1.
     */
    TLS,

    /** Message signing (CMS): keyUsage digitalSignature and nonRepudiation, no TLS EKU. */
    SIGNING
}
