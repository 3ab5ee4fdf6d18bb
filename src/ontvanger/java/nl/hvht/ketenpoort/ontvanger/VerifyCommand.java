package nl.hvht.ketenpoort.ontvanger;

import java.util.List;
import java.util.Set;

/** {@code verify}: a signed copy's signature and path to the CA; writes the XML. */
final class VerifyCommand implements Command {

    static final Set<String> TRUST_OPTIONS = Set.of("ca", "crl", "oin");

    @Override
    public void run(List<String> args, Terminal terminal) {
        Arguments arguments = Arguments.parse(args, union(TRUST_OPTIONS, Set.of("in", "out")), Set.of());
        noPositional(arguments);
        CopyReader reader = reader(arguments);
        CopyReader.Opened opened = reader.verify(terminal.read(arguments.requiredPath("in")));
        terminal.status(opened.summary());
        terminal.write(arguments.optionalPath("out"), opened.xml());
    }

    /** The reader for {@code --ca} (required), {@code --crl} (repeatable) and {@code --oin}. */
    static CopyReader reader(Arguments arguments) {
        return new CopyReader(Pem.certificates(arguments.requiredPath("ca")), arguments.paths("crl"), arguments.optional("oin"));
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    static void noPositional(Arguments arguments) {
        if (!arguments.positional().isEmpty()) {
            throw new ToolException(ExitCode.USAGE, "unexpected argument " + arguments.positional().get(0));
        }
    }

    @Override
    public String usage() {
        return """
                verify  --in COPY --ca CA.crt [--crl CA.crl ...] [--oin GATEWAY_OIN] [--out FILE]
                        a signed copy (SignedData): the gateway's signature and its PKIX path to CA.crt
                        (CRLs when given; --oin: the signer must have the gateway's OIN); writes the XML""";
    }
}
