package nl.hvht.ketenpoort.ontvanger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Optional;
import nl.hvht.ketenpoort.signing.CmsContentTypes;

/**
 * {@code postbus ophalen}: one round over the whole mailbox, what a partner without an endpoint runs from cron. Per
 * copy, oldest first: fetch it, write it as received ({@code <berichtId>.p7m}), open it (decrypt when encrypted, then
 * verify), write the XML ({@code <berichtId>.xml}), sign the receipt over the received bytes
 * ({@code <berichtId>.ontvangst.p7m}), and only then acknowledge it with that receipt. A copy that does not verify or
 * decrypt is kept as received, not acknowledged (it stays in the mailbox) and the round goes on; the exit code is that
 * of the first failure. Dying at any point is safe: what was not acknowledged is fetched again next round, and
 * acknowledging twice is the same as once.
 */
final class PostbusRound {

    private static final int MAX_PAGES = 10_000;

    private final PostbusClient client;
    private final CopyReader reader;
    private final Pem.Credentials recipient;
    private final Optional<OntvangstbewijsWriter> receipts;
    private final String ontvanger;
    private final Path dir;

    /**
     * @param recipient the key and certificate copies are encrypted for
     * @param receipts  signs the receipts; empty: acknowledge without one
     */
    PostbusRound(PostbusClient client, CopyReader reader, Pem.Credentials recipient, Optional<OntvangstbewijsWriter> receipts,
            String ontvanger, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ToolException(ExitCode.INPUT, dir + ": no such directory");
        }
        this.client = client;
        this.reader = reader;
        this.recipient = recipient;
        this.receipts = receipts;
        this.ontvanger = ontvanger;
        this.dir = dir;
    }

    /** Runs the round; ends with the first failure's exit code once every copy was tried. */
    void run(Terminal terminal) {
        Optional<ToolException> first = Optional.empty();
        int collected = 0;
        int kept = 0;
        Optional<String> na = Optional.empty();
        for (int page = 0; page < MAX_PAGES; page++) {
            PostbusClient.Page result = client.list(Optional.empty(), na);
            for (PostbusClient.Entry entry : result.berichten()) {
                try {
                    collect(entry, terminal);
                    collected++;
                } catch (ToolException e) {
                    if (e.exitCode() == ExitCode.CONNECTION_FAILED) {
                        throw e;
                    }
                    terminal.status(entry.berichtId() + ": " + e.getMessage() + "; not acknowledged");
                    kept++;
                    first = first.or(() -> Optional.of(e));
                }
            }
            na = result.volgende();
            if (na.isEmpty()) {
                break;
            }
        }
        terminal.status(collected + " collected and acknowledged, " + kept + " left in the mailbox");
        if (first.isPresent()) {
            throw new ToolException(first.get().exitCode(), kept + " message(s) not collected, first: " + first.get().getMessage());
        }
    }

    private void collect(PostbusClient.Entry entry, Terminal terminal) {
        String berichtId = entry.berichtId();
        PostbusClient.Fetched copy = client.fetch(berichtId);
        write(berichtId + ".p7m", copy.body());
        CopyReader.Opened opened = isSigned(copy.body()) ? reader.verify(copy.body()) : reader.decrypt(copy.body(), recipient);
        write(berichtId + ".xml", opened.xml());
        Optional<byte[]> receipt = receipts.map(writer -> writer.signed(berichtId, ontvanger, copy.body(), OffsetDateTime.now()));
        if (receipt.isPresent()) {
            write(berichtId + ".ontvangst.p7m", receipt.get());
        }
        client.acknowledge(berichtId, receipt);
        terminal.status(berichtId + ": " + entry.type() + " from " + entry.afzender() + ", " + opened.form()
                + ", verified" + (receipt.isPresent() ? ", receipt signed" : "") + ", acknowledged");
    }

    private static boolean isSigned(byte[] body) {
        try {
            return CmsContentTypes.SIGNED.equals(CmsContentTypes.mediaType(body));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void write(String name, byte[] bytes) {
        try {
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new ToolException(ExitCode.INPUT, dir.resolve(name) + ": cannot be written");
        }
    }
}
