package nl.hvht.ketenpoort.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Overdrachten from {@code examples/overdracht.xml} as {@code hvht} sends them, each with a fresh berichtId, for the
 * participants given in turn, to 1, 2 or 5 recipients. Two: the distribution rules add {@code gemeente-enschede} (uitstroom)
 * and {@code reclassering-nederland} (toezicht). One: without the {@code toezicht} section. Five: also
 * {@link #EXTRA} named in the envelope's {@code ontvanger} elements.
 */
final class Overdrachten {

    /** Every recipient an overdracht of this benchmark can have; consent covers all of them. */
    static final List<String> RECIPIENTS = List.of("gemeente-enschede", "reclassering-nederland", "tactus",
            "gemeente-almelo", "transfore");
    private static final List<String> EXTRA = RECIPIENTS.subList(2, 5);
    private static final String BERICHT_ID = "@@berichtId@@";
    private static final String DEELNEMER = "@@deelnemer@@";

    /** One message: its berichtId and its XML. */
    record Overdracht(String berichtId, String xml) {
    }

    private final String template;
    private final int recipients;
    private final List<String> deelnemers;
    private final AtomicLong next = new AtomicLong();

    Overdrachten(Path examples, int recipients, List<String> deelnemers) throws IOException {
        String xml = Files.readString(examples.resolve("overdracht.xml"));
        xml = xml.replaceFirst("<berichtId>[^<]+</berichtId>", "<berichtId>" + BERICHT_ID + "</berichtId>")
                .replace("<deelnemer>HVHT-2026-0042</deelnemer>", "<deelnemer>" + DEELNEMER + "</deelnemer>");
        switch (recipients) {
            case 1 -> xml = Pattern.compile("\\s*<toezicht>.*</toezicht>", Pattern.DOTALL).matcher(xml).replaceFirst("");
            case 2 -> {
            }
            case 5 -> {
                StringBuilder ontvangers = new StringBuilder("</afzender>");
                EXTRA.forEach(id -> ontvangers.append("\n    <ontvanger>").append(id).append("</ontvanger>"));
                xml = xml.replaceFirst("</afzender>", Matcher.quoteReplacement(ontvangers.toString()));
            }
            default -> throw new IllegalArgumentException("1, 2 or 5 recipients, not " + recipients);
        }
        if (!xml.contains(BERICHT_ID) || !xml.contains(DEELNEMER)) {
            throw new IllegalStateException("examples/overdracht.xml no longer has the berichtId and deelnemer this expects");
        }
        this.template = xml;
        this.recipients = recipients;
        this.deelnemers = List.copyOf(deelnemers);
    }

    int recipients() {
        return recipients;
    }

    Overdracht next() {
        String berichtId = UUID.randomUUID().toString();
        String deelnemer = deelnemers.get((int) (next.getAndIncrement() % deelnemers.size()));
        return new Overdracht(berichtId, template.replace(BERICHT_ID, berichtId).replace(DEELNEMER, deelnemer));
    }
}
