package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import nl.hvht.ketenpoort.problem.Rejection;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.parsers.SAXParserFactory;
import nl.hvht.ketenpoort.bericht.v1.Bericht;
import nl.hvht.ketenpoort.bericht.v1.Envelop;
import org.springframework.stereotype.Component;

/**
 * Turns untrusted bytes into a {@link ParsedBericht}, or refuses them with a {@link Rejection}.
 *
 * <p>Size is checked before any byte is parsed. Then one streaming pass: hardened JDK SAX reader (no
 * DOCTYPE, no external access, JDK limits) → {@link LimitFilter} (depth, attributes) → XSD validator →
 * {@link SectionTracker} → JAXB. The JAXB result is used only when the validator accepted the whole
 * document; after the first schema error nothing more is passed downstream and the reader only finishes
 * the well-formedness and limit checks (a structural verdict outranks a schema verdict). Finally the
 * body element must match {@code berichtType}, and the message may not carry a {@code verstrekking} (only the
 * gateway sets that, per recipient).
 *
 * <p>Thread-safe. The schema and JAXB context are shared; reader/validator chains are pooled
 * ({@link ParsePipeline}) because building them costs more than parsing a message.
 *
 * <p>Rejection details hold a code and at most a line/column, never a parser message (those can quote
 * content, such as a BSN).
 */
@Component
public class BerichtParser {

    private static final int POOL_SIZE = 64;

    private final BerichtProperties limits;
    private final BerichtSchema schema;
    private final CategorieCatalog catalog;
    private final SAXParserFactory saxParserFactory = HardenedXml.saxParserFactory();
    private final BlockingQueue<ParsePipeline> pool = new ArrayBlockingQueue<>(POOL_SIZE);

    public BerichtParser(BerichtProperties limits, BerichtSchema schema, CategorieCatalog catalog) {
        this.limits = limits;
        this.schema = schema;
        this.catalog = catalog;
    }

    /**
     * Parses and validates one message.
     *
     * @param xml the message as received; it is kept (not copied) in the result
     * @throws Rejection with PAYLOAD_TOO_LARGE, XML_MALFORMED, XML_DTD_FORBIDDEN, XML_LIMIT_EXCEEDED,
     *                   SCHEMA_INVALID or VERSTREKKING_NOT_ALLOWED (the {@code verstrekking} element is set by the
     *                   gateway only, see {@link Redactor})
     */
    public ParsedBericht parse(byte[] xml) throws Rejection {
        if (xml == null || xml.length == 0) {
            throw new Rejection(RejectionCode.XML_MALFORMED, "Het bericht is leeg.");
        }
        if (xml.length > limits.maxBytes().toBytes()) {
            throw new Rejection(RejectionCode.PAYLOAD_TOO_LARGE);
        }
        ParsePipeline pipeline = pool.poll();
        if (pipeline == null) {
            pipeline = new ParsePipeline(saxParserFactory, limits, schema, catalog);
        }
        ParsePipeline.Result result;
        try {
            result = pipeline.parse(xml);
        } catch (Rejection r) {
            pool.offer(pipeline); // a refused document leaves the chain reusable
            throw r;
        }
        // any other exception: the chain is dropped, not returned to the pool
        pool.offer(pipeline);
        Bericht bericht = result.bericht();
        if (bericht.getVerstrekking() != null) {
            throw new Rejection(RejectionCode.VERSTREKKING_NOT_ALLOWED);
        }
        BerichtEnvelop envelope = envelope(bericht.getEnvelop());
        requireBodyMatchesType(envelope.berichtType(), result.sections().body());
        return new ParsedBericht(xml, bericht, envelope, Set.copyOf(result.sections().categories()));
    }

    private static BerichtEnvelop envelope(Envelop e) {
        return new BerichtEnvelop(e.getBerichtId(), e.getBerichtType().value(), e.getAfzender(), e.getOntvanger(),
                e.getDeelnemer(), e.getDoel().value(), offsetDateTime(e.getAanmaakmoment()), e.getCorrelatieId());
    }

    /** From the validated fields (the XSD pattern guarantees a 4-digit year, hour 0-23 and a timezone). */
    private static OffsetDateTime offsetDateTime(XMLGregorianCalendar value) {
        if (value.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            throw new Rejection(RejectionCode.SCHEMA_INVALID, "aanmaakmoment heeft geen tijdzone.");
        }
        try {
            BigDecimal fraction = value.getFractionalSecond();
            int nanos = fraction == null ? 0 : fraction.movePointRight(9).intValue();
            return OffsetDateTime.of(value.getYear(), value.getMonth(), value.getDay(), value.getHour(),
                    value.getMinute(), value.getSecond(), nanos, ZoneOffset.ofTotalSeconds(value.getTimezone() * 60));
        } catch (DateTimeException | ArithmeticException e) {
            throw new Rejection(RejectionCode.SCHEMA_INVALID, "aanmaakmoment is geen geldig tijdstip.");
        }
    }

    /** The body element must be the berichtType with a lower-case first letter (Overdracht → overdracht). */
    private static void requireBodyMatchesType(String berichtType, String body) {
        String expected = berichtType.substring(0, 1).toLowerCase(Locale.ROOT) + berichtType.substring(1);
        if (!expected.equals(body)) {
            throw new Rejection(RejectionCode.SCHEMA_INVALID,
                    "berichtType " + berichtType + " past niet bij de inhoud " + body + ".");
        }
    }
}
