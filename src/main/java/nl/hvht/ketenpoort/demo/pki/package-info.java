/**
 * The example PKI, for the demo run and the tests only, never for production use: a throw-away CA with the gateway's
 * TLS and signing certificates and one TLS certificate per partner (OIN in the subject serialNumber, as PKIoverheid
 * does), written as PEM files for the demo run ({@code demo.DemoCertificates}) and generated in memory for tests.
 *
 * <p>Public: {@link nl.hvht.ketenpoort.demo.pki.ExamplePki} (generate / write the example files),
 * {@link nl.hvht.ketenpoort.demo.pki.CertificateAuthority} (issue extra certificates, e.g. from an untrusted CA or
 * already expired, in tests), {@link nl.hvht.ketenpoort.demo.pki.CertificateProfile} and
 * {@link nl.hvht.ketenpoort.demo.pki.IssuedCertificate}. Production code never imports this package
 * ({@code ArchitectureTest}: the demo is the top layer).
 */
package nl.hvht.ketenpoort.demo.pki;
