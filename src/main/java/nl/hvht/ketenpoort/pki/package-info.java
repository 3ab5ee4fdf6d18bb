/**
 * The example PKI: a throw-away CA with the gateway's TLS and signing certificates and one TLS
 * certificate per partner (OIN in the subject serialNumber, as PKIoverheid does), written as PEM
 * files for the demo run and generated in memory for tests. Never for production use.
 *
 * <p>Public: {@link nl.hvht.ketenpoort.pki.ExamplePki} (generate / write the example files),
 * {@link nl.hvht.ketenpoort.pki.CertificateAuthority} (issue extra certificates, e.g. from an
 * untrusted CA or already expired, in tests), {@link nl.hvht.ketenpoort.pki.CertificateProfile} and
 * {@link nl.hvht.ketenpoort.pki.IssuedCertificate}.
 */
package nl.hvht.ketenpoort.pki;
