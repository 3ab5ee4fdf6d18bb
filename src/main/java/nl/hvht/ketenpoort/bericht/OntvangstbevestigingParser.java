package nl.hvht.ketenpoort.bericht;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import nl.hvht.ketenpoort.bericht.v1.Ontvangstbevestiging;
import org.springframework.stereotype.Component;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the content of a partner's signed receipt: at most {@link #MAX_BYTES}, the hardened reader (no DTD, no
 * external access, the parser limits of {@code ketenpoort.bericht}), validated against
 * {@code xsd/v1/ontvangstbevestiging.xsd}, then JAXB. Anything wrong gives an empty result, never a message that
 * quotes the input. Thread-safe.
 */
@Component
public final class OntvangstbevestigingParser {

    /** A receipt is four short fields; anything larger is refused unread. */
    public static final int MAX_BYTES = 8 * 1024;
    static final String SCHEMA_FILE = "ontvangstbevestiging.xsd";

    private final BerichtProperties limits;
    private final SAXParserFactory factory = HardenedXml.saxParserFactory();
    private final Schema schema = BerichtSchema.loadSchema(SCHEMA_FILE);
    private final JAXBContext jaxb;

    public OntvangstbevestigingParser(BerichtProperties limits) {
        this.limits = limits;
        try {
            this.jaxb = JAXBContext.newInstance(Ontvangstbevestiging.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot create the JAXB context for ontvangstbevestiging", e);
        }
    }

    /** The receipt's fields, or empty when the bytes are not a valid {@code ontvangstbevestiging}. */
    public Optional<OntvangstbevestigingContent> parse(byte[] xml) {
        if (xml == null || xml.length == 0 || xml.length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            XMLReader reader = HardenedXml.xmlReader(factory, limits);
            reader.setErrorHandler(HardenedXml.RETHROW);
            ValidatorHandler validator = HardenedXml.validatorHandler(schema);
            Unmarshaller unmarshaller = jaxb.createUnmarshaller();
            unmarshaller.setEventHandler(event -> false);
            UnmarshallerHandler handler = unmarshaller.getUnmarshallerHandler();
            validator.setContentHandler(handler);
            reader.setContentHandler(validator);
            reader.parse(new InputSource(new ByteArrayInputStream(xml)));
            if (!(handler.getResult() instanceof Ontvangstbevestiging receipt)) {
                return Optional.empty();
            }
            return moment(receipt.getOntvangstmoment()).map(moment ->
                    new OntvangstbevestigingContent(receipt.getBerichtId(), receipt.getOntvanger(), receipt.getDigest(), moment));
        } catch (SAXException | IOException | JAXBException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<OffsetDateTime> moment(XMLGregorianCalendar value) {
        if (value == null || value.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            return Optional.empty();
        }
        try {
            BigDecimal fraction = value.getFractionalSecond();
            int nanos = fraction == null ? 0 : fraction.movePointRight(9).intValue();
            return Optional.of(OffsetDateTime.of(value.getYear(), value.getMonth(), value.getDay(), value.getHour(),
                    value.getMinute(), value.getSecond(), nanos, ZoneOffset.ofTotalSeconds(value.getTimezone() * 60)));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
