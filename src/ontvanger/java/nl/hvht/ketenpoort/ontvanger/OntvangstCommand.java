package nl.hvht.ketenpoort.ontvanger;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** {@code ontvangst}: the signed receipt ({@code ontvangstbevestiging}) for a copy, as the gateway checks it. */
final class OntvangstCommand implements Command {

    @Override
    public void run(List<String> args, Terminal terminal) {
        Arguments arguments = Arguments.parse(args, Set.of("in", "bericht-id", "ontvanger", "key", "cert", "moment", "out"),
                Set.of());
        VerifyCommand.noPositional(arguments);
        String berichtId = arguments.required("bericht-id");
        String ontvanger = arguments.required("ontvanger");
        OffsetDateTime moment = arguments.optional("moment").map(OntvangstCommand::moment).orElseGet(OffsetDateTime::now);
        OntvangstbewijsWriter writer = new OntvangstbewijsWriter(Pem.credentials(arguments.requiredPath("key"), arguments.requiredPath("cert")));
        byte[] received = terminal.read(arguments.requiredPath("in"));
        byte[] receipt = writer.signed(berichtId, ontvanger, received, moment);
        terminal.status("receipt for " + berichtId + " by " + ontvanger + ": digest " + OntvangstbewijsWriter.sha256(received)
                + " over the " + received.length + " bytes received");
        terminal.write(arguments.optionalPath("out"), receipt);
    }

    private static OffsetDateTime moment(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeException e) {
            throw new ToolException(ExitCode.USAGE, "--moment must be an ISO-8601 date-time with offset, e.g. 2026-02-03T11:00:02+01:00");
        }
    }

    @Override
    public String usage() {
        return """
                ontvangst --in COPY --bericht-id ID --ontvanger PARTNER_ID --key SIGNING.key --cert SIGNING.crt
                          [--moment ISO_DATE_TIME] [--out FILE]
                        the signed ontvangstbevestiging: digest = SHA-256 of COPY exactly as received (still
                        encrypted if it came encrypted), signed with your signing key (not the TLS key)""";
    }
}
