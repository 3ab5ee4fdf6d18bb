/**
 * The receiver's tool for partner integrators ({@code target/ketenpoort-ontvanger.jar}, built from
 * {@code src/ontvanger/java} by {@code src/ontvanger/assembly.xml}): a command-line program a partner runs with its own
 * key and certificate, outside the gateway. {@link nl.hvht.ketenpoort.ontvanger.Main} dispatches the commands:
 * {@code verify} (the gateway's CMS signature and the PKIX path to the partner's trust anchor,
 * {@link nl.hvht.ketenpoort.ontvanger.CopyReader}), {@code decrypt} (AuthEnvelopedData AES-256-GCM or EnvelopedData
 * AES-256-CBC, RSA-OAEP or ECDH, then verify), {@code ontvangst} (the signed {@code ontvangstbevestiging},
 * {@link nl.hvht.ketenpoort.ontvanger.OntvangstbewijsWriter}) and {@code postbus list|fetch|ack} (the mailbox over mutual TLS,
 * {@link nl.hvht.ketenpoort.ontvanger.PostbusClient}) and {@code postbus ophalen} (the whole mailbox in one round,
 * acknowledging only what verified, {@link nl.hvht.ketenpoort.ontvanger.PostbusRound}). Each outcome has an {@link nl.hvht.ketenpoort.ontvanger.ExitCode}.
 *
 * <p>Depends only on the Spring-free classes it shares with the gateway: the JAXB classes generated from
 * {@code xsd/v1} ({@code bericht.v1}), {@code signing.SignatureVerifier}, {@code signing.BerichtDecryptor},
 * {@code signing.CmsContentTypes}, {@code signing.SigningKeyUsage}, {@code pki.CrlRevocation} and
 * {@code partner.CertificateIdentity}; the assembly packs exactly those, and nothing in the gateway depends on this
 * package. What it prints on stderr names ids, types, certificate subjects and reason codes, never message content;
 * the message itself goes only where {@code --out} says (or stdout).
 */
package nl.hvht.ketenpoort.ontvanger;
