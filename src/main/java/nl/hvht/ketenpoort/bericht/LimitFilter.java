package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * First stage after the XML reader: enforces element depth and attribute count while streaming, so a
 * deeply nested document is refused after {@code maxDepth} elements (no deep recursion anywhere).
 *
 * <p>Structural verdicts outrank schema verdicts: when the schema validator downstream refuses the
 * document, this filter stops passing events on (nothing downstream sees invalid content) but keeps
 * reading to the end, so a document that is also malformed, too deep or has a DOCTYPE still gets that
 * code. The extra reading is bounded by the size limit checked before parsing.
 */
final class LimitFilter extends XMLFilterImpl {

    @FunctionalInterface
    private interface Downstream {
        void call() throws SAXException;
    }

    private final int maxDepth;
    private final int maxAttributes;
    private ParseFailure failure;
    private Locator locator;
    private int depth;
    private boolean draining;

    LimitFilter(XMLReader reader, int maxDepth, int maxAttributes) {
        super(reader);
        this.maxDepth = maxDepth;
        this.maxAttributes = maxAttributes;
    }

    /** Prepares for the next document (the filter and its reader are reused, one document at a time). */
    void reset(ParseFailure forDocument) {
        this.failure = forDocument;
        this.depth = 0;
        this.draining = false;
        this.locator = null;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
        super.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() throws SAXException {
        forward(super::startDocument);
    }

    @Override
    public void endDocument() throws SAXException {
        forward(super::endDocument);
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        forward(() -> super.startPrefixMapping(prefix, uri));
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        forward(() -> super.endPrefixMapping(prefix));
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (++depth > maxDepth || atts.getLength() > maxAttributes) {
            throw failure.fail(RejectionCode.XML_LIMIT_EXCEEDED, locator);
        }
        forward(() -> super.startElement(uri, localName, qName, atts));
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        forward(() -> super.endElement(uri, localName, qName));
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        forward(() -> super.characters(ch, start, length));
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        forward(() -> super.ignorableWhitespace(ch, start, length));
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        forward(() -> super.processingInstruction(target, data));
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        forward(() -> super.skippedEntity(name));
    }

    private void forward(Downstream event) throws SAXException {
        if (draining) {
            return;
        }
        try {
            event.call();
        } catch (SAXException e) {
            if (failure.code() != RejectionCode.SCHEMA_INVALID) {
                throw e;
            }
            draining = true; // schema verdict recorded; read on for structural verdicts only
        }
    }
}
