/**
 * Certificates: where they live ({@code ketenpoort.pki}, {@link nl.hvht.ketenpoort.pki.PkiProperties}), how long
 * the ones the gateway depends on remain valid (health component {@code certificates} and gauge
 * {@code ketenpoort.certificate.days.left}; the gateway's TLS and signing certificates and every partner's), and
 * the example PKI: a throw-away CA with the gateway's TLS and signing certificates and one TLS certificate per
 * partner (OIN in the subject serialNumber, as PKIoverheid does), written as PEM files for the demo run and
 * generated in memory for tests. The example PKI is never for production use.
 *
 * <p>Public: {@link nl.hvht.ketenpoort.pki.PkiProperties}, {@link nl.hvht.ketenpoort.pki.ExamplePki} (generate /
 * write the example files), {@link nl.hvht.ketenpoort.pki.CertificateAuthority} (issue extra certificates, e.g.
 * from an untrusted CA or already expired, in tests), {@link nl.hvht.ketenpoort.pki.CertificateProfile} and
 * {@link nl.hvht.ketenpoort.pki.IssuedCertificate}.
 */
package nl.hvht.ketenpoort.pki;
