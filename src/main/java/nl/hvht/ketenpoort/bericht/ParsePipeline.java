package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import nl.hvht.ketenpoort.problem.Rejection;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.ValidatorHandler;
import nl.hvht.ketenpoort.bericht.v1.Bericht;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * One reusable chain: hardened reader → {@link LimitFilter} → XSD {@link ValidatorHandler} →
 * {@link SectionTracker} → JAXB. Building a JDK reader and validator costs far more than parsing a
 * 10 KB message, so {@link BerichtParser} pools these; an instance parses one document at a time.
 */
final class ParsePipeline {

    /** What one successful pass produced. */
    record Result(Bericht bericht, SectionTracker sections) {
    }

    private final BerichtSchema schema;
    private final CategorieCatalog catalog;
    private final LimitFilter limits;
    private final ValidatorHandler validator;
    private ParseFailure failure;

    ParsePipeline(SAXParserFactory factory, BerichtProperties properties, BerichtSchema schema,
            CategorieCatalog catalog) {
        this.schema = schema;
        this.catalog = catalog;
        this.limits = new LimitFilter(HardenedXml.xmlReader(factory, properties), properties.maxElementDepth(),
                properties.maxAttributes());
        this.limits.setErrorHandler(HardenedXml.RETHROW);
        this.limits.setContentHandler(validator = newValidatorHandler());
    }

    /**
     * Runs one document through the chain.
     *
     * @throws Rejection for anything the input is to blame for
     */
    Result parse(byte[] xml) {
        failure = new ParseFailure();
        limits.reset(failure);
        UnmarshallerHandler jaxb = newUnmarshaller().getUnmarshallerHandler();
        SectionTracker tracker = new SectionTracker(jaxb, catalog, failure);
        validator.setContentHandler(tracker);
        try {
            limits.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw classify(failure, e);
        } catch (IOException e) {
            throw new Rejection(RejectionCode.XML_MALFORMED); // e.g. bytes invalid in the declared encoding
        } finally {
            validator.setContentHandler(null); // drop references to this document
        }
        if (failure.code() != null) {
            throw failure.toRejection(); // schema-invalid, otherwise well-formed and within limits
        }
        try {
            return new Result((Bericht) jaxb.getResult(), tracker);
        } catch (JAXBException | IllegalStateException | ClassCastException e) {
            throw new Rejection(RejectionCode.SCHEMA_INVALID);
        }
    }

    private Unmarshaller newUnmarshaller() {
        try {
            Unmarshaller u = schema.jaxbContext().createUnmarshaller();
            u.setEventHandler(event -> false); // any JAXB complaint aborts; it is recorded as SCHEMA_INVALID
            return u;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot create a JAXB unmarshaller", e);
        }
    }

    private ValidatorHandler newValidatorHandler() {
        ValidatorHandler v = HardenedXml.validatorHandler(schema.schema());
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a message invalid
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw failure.fail(RejectionCode.SCHEMA_INVALID, e.getLineNumber(), e.getColumnNumber());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw failure.fail(RejectionCode.SCHEMA_INVALID, e.getLineNumber(), e.getColumnNumber());
            }
        });
        return v;
    }

    /**
     * Maps a failed parse to a code: our own recorded structural verdict, else the reader's own error (which
     * outranks a recorded schema verdict). Parser messages are inspected only for fixed markers, never passed on.
     */
    private static Rejection classify(ParseFailure failure, SAXException e) {
        if (failure.code() != null && failure.code() != RejectionCode.SCHEMA_INVALID) {
            return failure.toRejection();
        }
        int line = e instanceof SAXParseException p ? p.getLineNumber() : -1;
        int column = e instanceof SAXParseException p ? p.getColumnNumber() : -1;
        String message = e.getMessage() == null ? "" : e.getMessage();
        RejectionCode code;
        if (message.contains(HardenedXml.DISALLOW_DOCTYPE)) {
            code = RejectionCode.XML_DTD_FORBIDDEN;
        } else if (message.startsWith(HardenedXml.JDK_LIMIT_MESSAGE_PREFIX)) {
            code = RejectionCode.XML_LIMIT_EXCEEDED;
        } else {
            code = RejectionCode.XML_MALFORMED;
        }
        return ParseFailure.rejection(code, line, column);
    }
}
