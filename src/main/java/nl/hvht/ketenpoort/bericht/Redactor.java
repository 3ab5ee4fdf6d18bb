package nl.hvht.ketenpoort.bericht;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Makes the copy of a validated message that one recipient gets: the body sections of withheld categories are
 * removed (the {@link CategorieCatalog} says which section is which category), an {@code ingehoudenCategorie} is
 * added for each withheld category that was present, and the gateway's {@code verstrekking} element (recipient and
 * grounds) is appended to {@code bericht}. Comments and processing instructions are dropped everywhere (they are
 * not part of the standard and could carry anything); the rest of the document, including namespace prefixes and
 * whitespace, is kept as it was. Copies of one message for several recipients are cut from one parse
 * ({@link #cutEach}).
 *
 * <p>The result is valid against the XSD by construction, so it is not validated again per copy (that cost more than
 * the cut itself): the input passed {@link BerichtParser}; only sections the {@link CategorieCatalog} names are removed,
 * and start-up fails when such a section is not optional; {@code ingehoudenCategorie} and {@code verstrekking} are
 * written in schema order from typed values. {@code RedactorTest} validates the cut of every example with every
 * category and every kind of ground against the XSD.
 *
 * <p>Thread-safe. DOM parser and serialiser are pooled, one document at a
 * time per instance. Exception messages name the body element and categories only, never content.
 */
@Component
public class Redactor {

    private static final int POOL_SIZE = 32;

    private static final String NS = SchemaResources.NAMESPACE;
    /** JDK serialiser property: a line break after the XML declaration when the document is standalone. */
    private static final String JDK_NEWLINE_AFTER_DECLARATION = "http://www.oracle.com/xml/is-standalone";

    private final CategorieCatalog catalog;
    private final DocumentBuilderFactory documentBuilderFactory = HardenedXml.documentBuilderFactory();
    private final TransformerFactory transformerFactory = HardenedXml.transformerFactory();
    private final BlockingQueue<Worker> pool = new ArrayBlockingQueue<>(POOL_SIZE);

    public Redactor(CategorieCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The message as delivered to one recipient.
     *
     * @param message      a message that passed {@link BerichtParser} (its {@code xml} is used)
     * @param withheld     categories this recipient may not receive; sections of other categories stay
     * @param verstrekking the recipient and its grounds, written into the {@code verstrekking} element
     * @return new XML (UTF-8), valid against the XSD
     * @throws IllegalStateException if the message already has a {@code verstrekking} or has no body (the message
     *                               names no content)
     */
    public byte[] cut(ParsedBericht message, Set<Categorie> withheld, Verstrekking verstrekking) {
        return cutEach(message, List.of(new Cut(withheld, verstrekking))).get(0);
    }

    /**
     * The copies of one message for several recipients, in the order of {@code cuts}: the message is parsed once
     * and each copy is cut from a clone of that document (what {@link #cut} does, without a parse per recipient).
     *
     * @throws IllegalStateException as {@link #cut}
     */
    public List<byte[]> cutEach(ParsedBericht message, List<Cut> cuts) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(cuts, "cuts");
        Worker worker = pool.poll();
        if (worker == null) {
            worker = new Worker();
        }
        List<byte[]> result = worker.cutEach(message.xml(), cuts);
        pool.offer(worker); // only a worker that finished normally is reused
        return result;
    }

    /**
     * What one recipient may have: the categories withheld from it and the {@code verstrekking} written into its
     * copy.
     */
    public record Cut(Set<Categorie> withheld, Verstrekking verstrekking) {

        public Cut {
            Objects.requireNonNull(withheld, "withheld");
            Objects.requireNonNull(verstrekking, "verstrekking");
            withheld = withheld.isEmpty() ? Set.of() : EnumSet.copyOf(withheld);
        }
    }

    /** One DOM parser and serialiser; used by one thread at a time. */
    private final class Worker {

        private final DocumentBuilder builder = HardenedXml.documentBuilder(documentBuilderFactory);
        private final Transformer transformer = newTransformer();

        List<byte[]> cutEach(byte[] xml, List<Cut> cuts) {
            Document template = parse(xml);
            Element bericht = template.getDocumentElement();
            Element inhoud = firstChild(bericht, "inhoud");
            Element body = inhoud == null ? null : firstElement(inhoud);
            if (body == null) {
                throw new IllegalStateException("redactor: the message has no inhoud body");
            }
            if (firstChild(bericht, "verstrekking") != null) {
                throw new IllegalStateException("redactor: the message already has a verstrekking");
            }
            removeCommentsAndInstructions(template);
            List<byte[]> copies = new ArrayList<>(cuts.size());
            for (int i = 0; i < cuts.size(); i++) {
                // the last copy may change the template itself: nothing reads it afterwards
                Document doc = i == cuts.size() - 1 ? template : (Document) template.cloneNode(true);
                copies.add(cut(doc, cuts.get(i)));
            }
            return copies;
        }

        private byte[] cut(Document doc, Cut cut) {
            Element bericht = doc.getDocumentElement();
            Element inhoud = firstChild(bericht, "inhoud");
            Element body = firstElement(inhoud);
            String bodyIndent = indentOfFirstElement(body);
            Set<Categorie> removed = removeSections(body, cut.withheld());
            addIngehouden(body, removed, bodyIndent);
            appendAfter(bericht, inhoud, verstrekkingElement(doc, bericht.getPrefix(), cut.verstrekking(),
                    indentOf(inhoud)), indentOf(inhoud));
            return serialise(doc);
        }

        private Document parse(byte[] xml) {
            try {
                builder.reset();
                builder.setEntityResolver(HardenedXml.NO_ENTITIES);
                builder.setErrorHandler(HardenedXml.RETHROW);
                return builder.parse(new InputSource(new ByteArrayInputStream(xml)));
            } catch (SAXException | IOException e) {
                // the input passed the parser before; no parser message is passed on (it may quote content)
                throw new IllegalStateException("redactor: the validated message cannot be parsed again");
            }
        }

        /** Removes the sections of withheld categories; returns the categories actually removed. */
        private Set<Categorie> removeSections(Element body, Set<Categorie> withheld) {
            Set<Categorie> removed = EnumSet.noneOf(Categorie.class);
            if (withheld.isEmpty()) {
                return removed;
            }
            Map<String, Categorie> sections = catalog.sectionsOf(body.getLocalName());
            for (Element section : childElements(body)) {
                Categorie category = NS.equals(section.getNamespaceURI())
                        ? sections.get(section.getLocalName()) : null;
                if (category != null && withheld.contains(category)) {
                    removeWithIndent(section);
                    removed.add(category);
                }
            }
            return removed;
        }

        /**
         * Adds {@code ingehoudenCategorie} for each removed category the sender did not list already, each at its
         * place in category order among the sender's ones (they are the last elements of every body).
         */
        private void addIngehouden(Element body, Set<Categorie> removed, String indent) {
            List<Element> existing = new ArrayList<>();
            Set<Categorie> listed = EnumSet.noneOf(Categorie.class);
            for (Element e : childElements(body)) {
                if (NS.equals(e.getNamespaceURI()) && "ingehoudenCategorie".equals(e.getLocalName())) {
                    existing.add(e);
                    Categorie.fromCode(e.getTextContent().strip()).ifPresent(listed::add);
                }
            }
            for (Categorie category : removed) {
                if (listed.contains(category)) {
                    continue;
                }
                Element added = body.getOwnerDocument().createElementNS(NS, qualified(body.getPrefix(),
                        "ingehoudenCategorie"));
                added.setTextContent(category.code());
                Element before = existing.stream()
                        .filter(e -> Categorie.fromCode(e.getTextContent().strip())
                                .map(c -> c.ordinal() > category.ordinal()).orElse(false))
                        .findFirst().orElse(null);
                if (before != null) {
                    body.insertBefore(added, before);
                    if (indent != null) {
                        body.insertBefore(body.getOwnerDocument().createTextNode(indent), before);
                    }
                } else {
                    Element last = lastElement(body);
                    if (last == null) {
                        appendLast(body, added, indent);
                    } else {
                        appendAfter(body, last, added, indent);
                    }
                }
            }
        }

        private Element verstrekkingElement(Document doc, String prefix, Verstrekking verstrekking, String indent) {
            String step = indent == null ? null : indent.substring(indent.lastIndexOf('\n') + 1);
            String inner = indent == null ? null : indent + (step.isEmpty() ? "  " : step);
            String innermost = inner == null ? null : inner + (step.isEmpty() ? "  " : step);
            Element v = element(doc, prefix, "verstrekking");
            add(v, text(element(doc, prefix, "ontvanger"), verstrekking.ontvanger()), inner);
            for (VerstrekkingGrondslag g : verstrekking.grondslagen()) {
                Element grondslag = element(doc, prefix, "grondslag");
                if (g instanceof VerstrekkingGrondslag.Toestemming t) {
                    Element toestemming = element(doc, prefix, "toestemming");
                    String deepest = innermost == null ? null : innermost + (step.isEmpty() ? "  " : step);
                    add(toestemming, text(element(doc, prefix, "verklaringId"), t.verklaringId().toString()), deepest);
                    add(toestemming, text(element(doc, prefix, "versie"), Integer.toString(t.versie())), deepest);
                    close(toestemming, innermost);
                    add(grondslag, toestemming, innermost);
                } else if (g instanceof VerstrekkingGrondslag.WettelijkeTaak w) {
                    add(grondslag, text(element(doc, prefix, "wettelijkeTaak"), w.naam()), innermost);
                } else if (g instanceof VerstrekkingGrondslag.Doorbraak d) {
                    add(grondslag, text(element(doc, prefix, "doorbraak"), d.id().toString()), innermost);
                }
                close(grondslag, inner);
                add(v, grondslag, inner);
            }
            close(v, indent);
            return v;
        }

        private byte[] serialise(Document doc) {
            doc.setXmlStandalone(true); // no standalone="no" in the declaration
            ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
            try {
                transformer.reset();
                transformer.setOutputProperty(OutputKeys.METHOD, "xml");
                transformer.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
                transformer.setOutputProperty(OutputKeys.INDENT, "no");
                transformer.setOutputProperty(JDK_NEWLINE_AFTER_DECLARATION, "yes");
                transformer.transform(new DOMSource(doc), new StreamResult(out));
            } catch (TransformerException e) {
                throw new IllegalStateException("redactor: cannot serialise the redacted message");
            }
            return out.toByteArray();
        }

        private Transformer newTransformer() {
            try {
                return transformerFactory.newTransformer();
            } catch (TransformerConfigurationException e) {
                throw new IllegalStateException("cannot create an XML serialiser", e);
            }
        }

    }

    // ---- DOM helpers -----------------------------------------------------------------------------------------

    private static void removeCommentsAndInstructions(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            short type = child.getNodeType();
            if (type == Node.COMMENT_NODE || type == Node.PROCESSING_INSTRUCTION_NODE) {
                node.removeChild(child);
            } else if (type == Node.ELEMENT_NODE) {
                removeCommentsAndInstructions(child);
            }
            child = next;
        }
    }

    /** Removes an element together with the whitespace that indents it. */
    private static void removeWithIndent(Element e) {
        Node previous = e.getPreviousSibling();
        if (isWhitespace(previous)) {
            e.getParentNode().removeChild(previous);
        }
        e.getParentNode().removeChild(e);
    }

    /** Inserts {@code added} directly after {@code after}, indented like {@code after} when indent is known. */
    private static void appendAfter(Element parent, Element after, Element added, String indent) {
        Node next = after.getNextSibling();
        if (indent != null) {
            parent.insertBefore(parent.getOwnerDocument().createTextNode(indent), next);
        }
        parent.insertBefore(added, next);
    }

    /** Appends as the last child of an element that has no element children left. */
    private static void appendLast(Element parent, Element added, String indent) {
        Node trailing = parent.getLastChild();
        Node before = isWhitespace(trailing) ? trailing : null;
        if (indent != null) {
            parent.insertBefore(parent.getOwnerDocument().createTextNode(indent), before);
        }
        parent.insertBefore(added, before);
    }

    private static void add(Element parent, Element child, String indent) {
        if (indent != null) {
            parent.appendChild(parent.getOwnerDocument().createTextNode(indent));
        }
        parent.appendChild(child);
    }

    private static void close(Element parent, String indent) {
        if (indent != null) {
            parent.appendChild(parent.getOwnerDocument().createTextNode(indent));
        }
    }

    private static Element element(Document doc, String prefix, String localName) {
        return doc.createElementNS(NS, qualified(prefix, localName));
    }

    private static Element text(Element e, String value) {
        e.setTextContent(value);
        return e;
    }

    private static String qualified(String prefix, String localName) {
        return prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName;
    }

    /** The whitespace before an element (its indentation, newline included), or null when there is none. */
    private static String indentOf(Element e) {
        Node previous = e.getPreviousSibling();
        return isWhitespace(previous) ? previous.getNodeValue() : null;
    }

    private static String indentOfFirstElement(Element parent) {
        Element first = firstElement(parent);
        return first == null ? null : indentOf(first);
    }

    private static boolean isWhitespace(Node n) {
        return n != null && n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank();
    }

    private static Element firstChild(Element parent, String localName) {
        for (Element e : childElements(parent)) {
            if (NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        List<Element> children = childElements(parent);
        return children.isEmpty() ? null : children.get(0);
    }

    private static Element lastElement(Element parent) {
        List<Element> children = childElements(parent);
        return children.isEmpty() ? null : children.get(children.size() - 1);
    }

    private static List<Element> childElements(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }
}
