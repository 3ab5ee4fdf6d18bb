package nl.hvht.ketenpoort.ontvanger;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code postbus list|fetch|ack}: the partner's mailbox on the gateway, over mutual TLS. */
final class PostbusCommand implements Command {

    private static final Set<String> CONNECTION = Set.of("gateway", "key", "cert", "ca", "timeout");
    private static final int MAX_PAGES = 10_000;

    @Override
    public void run(List<String> args, Terminal terminal) {
        if (args.isEmpty()) {
            throw new ToolException(ExitCode.USAGE, "postbus needs list, fetch, ack or ophalen");
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "list" -> list(Arguments.parse(rest, VerifyCommand.union(CONNECTION, Set.of("limiet", "na")), Set.of("alle")), terminal);
            case "fetch" -> fetch(Arguments.parse(rest, VerifyCommand.union(CONNECTION, Set.of("out")), Set.of()), terminal);
            case "ack" -> ack(Arguments.parse(rest, VerifyCommand.union(CONNECTION, Set.of("ontvangst")), Set.of()), terminal);
            case "ophalen" -> ophalen(Arguments.parse(rest, VerifyCommand.union(CONNECTION,
                    Set.of("dir", "ontvanger", "signing-key", "signing-cert", "oin", "crl")), Set.of("zonder-ontvangst")), terminal);
            default -> throw new ToolException(ExitCode.USAGE, "postbus needs list, fetch, ack or ophalen, not " + args.get(0));
        }
    }

    private static void list(Arguments arguments, Terminal terminal) {
        VerifyCommand.noPositional(arguments);
        PostbusClient client = client(arguments);
        Optional<Integer> limiet = arguments.optional("limiet").map(PostbusCommand::limiet);
        Optional<String> na = arguments.optional("na");
        int count = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            PostbusClient.Page result = client.list(limiet, na);
            for (PostbusClient.Entry entry : result.berichten()) {
                terminal.print(String.join("\t", entry.berichtId(), entry.type(), entry.afzender(), entry.aangeboden(),
                        entry.contentType()));
                count++;
            }
            na = result.volgende();
            if (na.isEmpty() || !arguments.flag("alle")) {
                break;
            }
        }
        terminal.status(count + " message(s) in the mailbox" + na.map(cursor -> "; next page: --na " + cursor).orElse(""));
    }

    private static void fetch(Arguments arguments, Terminal terminal) {
        String berichtId = one(arguments, "fetch");
        PostbusClient.Fetched copy = client(arguments).fetch(berichtId);
        if (!copy.berichtId().isEmpty() && !copy.berichtId().equals(berichtId)) {
            throw new ToolException(ExitCode.GATEWAY_ERROR, "the gateway sent Ketenpoort-BerichtId " + copy.berichtId()
                    + " for " + berichtId);
        }
        terminal.status("fetched " + berichtId + " (" + copy.berichtType() + " from " + copy.afzender() + ", "
                + copy.contentType() + ", " + copy.body().length + " bytes)");
        terminal.write(arguments.optionalPath("out"), copy.body());
    }

    private static void ack(Arguments arguments, Terminal terminal) {
        String berichtId = one(arguments, "ack");
        Optional<byte[]> receipt = arguments.optionalPath("ontvangst").map(terminal::read);
        client(arguments).acknowledge(berichtId, receipt);
        terminal.status("acknowledged " + berichtId + (receipt.isPresent() ? " with the signed receipt" : " (no receipt)"));
    }

    private static void ophalen(Arguments arguments, Terminal terminal) {
        VerifyCommand.noPositional(arguments);
        Optional<OntvangstbewijsWriter> receipts = Optional.empty();
        String ontvanger = "";
        if (!arguments.flag("zonder-ontvangst")) {
            ontvanger = arguments.required("ontvanger");
            receipts = Optional.of(new OntvangstbewijsWriter(Pem.credentials(arguments.requiredPath("signing-key"),
                    arguments.requiredPath("signing-cert"))));
        }
        new PostbusRound(client(arguments), VerifyCommand.reader(arguments),
                Pem.credentials(arguments.requiredPath("key"), arguments.requiredPath("cert")), receipts, ontvanger,
                arguments.requiredPath("dir")).run(terminal);
    }

    private static String one(Arguments arguments, String command) {
        if (arguments.positional().size() != 1) {
            throw new ToolException(ExitCode.USAGE, "postbus " + command + " needs exactly one berichtId");
        }
        return arguments.positional().get(0);
    }

    private static PostbusClient client(Arguments arguments) {
        URI gateway;
        try {
            gateway = URI.create(arguments.required("gateway"));
        } catch (IllegalArgumentException e) {
            throw new ToolException(ExitCode.USAGE, "--gateway is not an address");
        }
        Duration timeout = arguments.optional("timeout").map(PostbusCommand::seconds).orElse(Duration.ofSeconds(30));
        return new PostbusClient(gateway, Pem.credentials(arguments.requiredPath("key"), arguments.requiredPath("cert")),
                Pem.certificates(arguments.requiredPath("ca")), timeout);
    }

    private static int limiet(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 500) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ToolException(ExitCode.USAGE, "--limiet must be 1 to 500");
    }

    private static Duration seconds(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ToolException(ExitCode.USAGE, "--timeout must be a number of seconds");
    }

    @Override
    public String usage() {
        return """
                postbus list  --gateway URL --key TLS.key --cert TLS.crt --ca CA.crt [--limiet 1..500] [--na CURSOR] [--alle]
                        the mailbox, oldest first: berichtId, type, afzender, aangeboden, contentType (tab-separated)
                postbus fetch ID --gateway URL --key TLS.key --cert TLS.crt --ca CA.crt [--out FILE]
                        the copy, exactly as the gateway sends it (then verify or decrypt it)
                postbus ack   ID --gateway URL --key TLS.key --cert TLS.crt --ca CA.crt [--ontvangst RECEIPT]
                        acknowledges it (DELIVERED), with the signed receipt made by ontvangst or without
                postbus ophalen --dir DIR --gateway URL --key TLS.key --cert TLS.crt --ca CA.crt [--oin GATEWAY_OIN] [--crl ...]
                        (--ontvanger PARTNER_ID --signing-key SIGNING.key --signing-cert SIGNING.crt | --zonder-ontvangst)
                        the whole mailbox in one round: per copy fetch, decrypt/verify, write ID.p7m, ID.xml and
                        ID.ontvangst.p7m into DIR, then acknowledge with the receipt; a copy that fails stays
                common: [--timeout SECONDS] (default 30)""";
    }
}
