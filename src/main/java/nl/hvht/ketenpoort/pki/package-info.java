/**
 * Certificates the production gateway depends on: where they live ({@code ketenpoort.pki},
 * {@link nl.hvht.ketenpoort.pki.PkiProperties}), how long they remain valid (health component {@code certificates} and
 * gauge {@code ketenpoort.certificate.days.left}; the gateway's TLS and signing certificates and every partner's), and
 * revocation by CRL ({@link nl.hvht.ketenpoort.pki.CrlRevocation}) for client certificates on the partner port (in the
 * TLS handshake) and for signatures (used by the signing package). The settings it needs from the signing package come
 * through {@link nl.hvht.ketenpoort.pki.RevocationSettings} and {@link nl.hvht.ketenpoort.pki.GatewaySigningCertificate}.
 * A replaced TLS certificate is loaded by Spring Boot's file watch, and, where that cannot see it (files shared by
 * several nodes on a network file system), by {@code TlsBundleCheck} comparing the files' content
 * ({@code ketenpoort.pki.tls-controle}). The example CA of the demo run and the tests is not here: it is {@code nl.hvht.ketenpoort.demo.pki}.
 */
package nl.hvht.ketenpoort.pki;
