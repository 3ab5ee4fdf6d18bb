package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import java.util.EnumSet;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Last stage before JAXB, behind the schema validator (one instance per document): notes the body element
 * ({@code bericht/inhoud/*}) and the categories of the body sections present
 * ({@code bericht/inhoud/*}/*), and passes every event on unchanged.
 */
final class SectionTracker extends XMLFilterImpl {

    private static final int INHOUD_DEPTH = 2;
    private static final int BODY_DEPTH = 3;
    private static final int SECTION_DEPTH = 4;

    private final CategorieCatalog catalog;
    private final ParseFailure failure;
    private final Set<Categorie> categories = EnumSet.noneOf(Categorie.class);
    private int depth;
    private boolean inInhoud;
    private String body;

    SectionTracker(ContentHandler next, CategorieCatalog catalog, ParseFailure failure) {
        this.catalog = catalog;
        this.failure = failure;
        setContentHandler(next);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        depth++;
        if (depth == INHOUD_DEPTH) {
            inInhoud = "inhoud".equals(localName);
        } else if (depth == BODY_DEPTH && inInhoud) {
            body = localName;
        } else if (depth == SECTION_DEPTH && inInhoud && body != null) {
            catalog.categoryOf(body, localName).ifPresent(categories::add);
        }
        try {
            super.startElement(uri, localName, qName, atts);
        } catch (SAXException e) {
            throw bindingRefused();
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        try {
            super.endElement(uri, localName, qName);
        } catch (SAXException e) {
            throw bindingRefused();
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        try {
            super.characters(ch, start, length);
        } catch (SAXException e) {
            throw bindingRefused();
        }
    }

    /**
     * JAXB objected to content the validator has not judged yet (it reports some errors only at the end of
     * an element): that content is not valid against the schema.
     */
    private SAXException bindingRefused() {
        return failure.fail(RejectionCode.SCHEMA_INVALID, null);
    }

    /** Element name of the body present, or null. */
    String body() {
        return body;
    }

    Set<Categorie> categories() {
        return categories;
    }
}
