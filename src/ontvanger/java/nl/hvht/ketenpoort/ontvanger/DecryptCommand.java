package nl.hvht.ketenpoort.ontvanger;

import java.util.List;
import java.util.Set;

/** {@code decrypt}: an encrypted copy opened with the partner's key, then verified as {@code verify} does. */
final class DecryptCommand implements Command {

    @Override
    public void run(List<String> args, Terminal terminal) {
        Arguments arguments = Arguments.parse(args,
                VerifyCommand.union(VerifyCommand.TRUST_OPTIONS, Set.of("in", "out", "key", "cert")), Set.of());
        VerifyCommand.noPositional(arguments);
        CopyReader reader = VerifyCommand.reader(arguments);
        Pem.Credentials recipient = Pem.credentials(arguments.requiredPath("key"), arguments.requiredPath("cert"));
        CopyReader.Opened opened = reader.decrypt(terminal.read(arguments.requiredPath("in")), recipient);
        terminal.status("decrypted for " + Pem.subject(recipient.certificate()));
        terminal.status(opened.summary());
        terminal.write(arguments.optionalPath("out"), opened.xml());
    }

    @Override
    public String usage() {
        return """
                decrypt --in COPY --key KEY.pem --cert CERT.crt --ca CA.crt [--crl CA.crl ...] [--oin GATEWAY_OIN] [--out FILE]
                        an encrypted copy (AuthEnvelopedData AES-256-GCM or EnvelopedData AES-256-CBC; RSA-OAEP or
                        ECDH) for the certificate registered at the gateway; then verified as by verify""";
    }
}
