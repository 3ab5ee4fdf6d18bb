package nl.hvht.ketenpoort.bericht;

import java.net.URL;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import nl.hvht.ketenpoort.bericht.v1.CategorieCode;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Which body section belongs to which {@link Categorie}, read once at start-up from the
 * {@code xs:appinfo/kp:categorie} annotations in the XSD (the single place where that is declared).
 * Start-up fails on an unknown category code, on an annotation outside a body section, and on a
 * categorised section that is not optional (a withheld category must leave a valid message).
 */
@Component
public final class CategorieCatalog {

    /** Namespace of the {@code kp:categorie} annotation. */
    public static final String CATEGORY_NAMESPACE = "urn:nl:hvht:ketenpoort:categorie";

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** body element name → (section element name → category), in schema order. */
    private final Map<String, Map<String, Categorie>> sections;

    public CategorieCatalog() {
        this(SchemaResources.MAIN);
    }

    /** Reads the catalog from another schema file in {@code xsd/v1/} (tests of the start-up checks). */
    CategorieCatalog(String mainSchemaFile) {
        requireSameCodes();
        List<Document> documents = loadSchemaDocuments(mainSchemaFile);
        Map<String, Element> complexTypes = globalComplexTypes(documents);
        Map<String, Map<String, Categorie>> found = new LinkedHashMap<>();
        int used = 0;
        for (Map.Entry<String, String> body : bodies(documents, complexTypes).entrySet()) {
            Map<String, Categorie> perSection = new LinkedHashMap<>();
            Element type = complexTypes.get(body.getValue());
            if (type == null) {
                throw new IllegalStateException("XSD: no complexType " + body.getValue() + " for body " + body.getKey());
            }
            for (Element section : childElements(firstChild(type, "sequence"), "element")) {
                Optional<Categorie> category = categoryOf(section, body.getKey());
                if (category.isPresent()) {
                    used++;
                    if (!"0".equals(section.getAttribute("minOccurs"))) {
                        throw new IllegalStateException("XSD: categorised section " + body.getKey() + "/"
                                + section.getAttribute("name") + " must have minOccurs=\"0\"");
                    }
                    perSection.put(section.getAttribute("name"), category.get());
                }
            }
            found.put(body.getKey(), Collections.unmodifiableMap(perSection));
        }
        int declared = documents.stream()
                .mapToInt(d -> d.getElementsByTagNameNS(CATEGORY_NAMESPACE, "categorie").getLength()).sum();
        if (declared != used) {
            throw new IllegalStateException("XSD: " + (declared - used)
                    + " kp:categorie annotation(s) outside a direct section of a message body");
        }
        this.sections = Collections.unmodifiableMap(found);
    }

    /** The category of section {@code section} of body {@code body} (element names), if it has one. */
    public Optional<Categorie> categoryOf(String body, String section) {
        Map<String, Categorie> perSection = sections.get(body);
        return perSection == null ? Optional.empty() : Optional.ofNullable(perSection.get(section));
    }

    /** The categorised sections of a body, section element name → category, in schema order. */
    public Map<String, Categorie> sectionsOf(String body) {
        return sections.getOrDefault(body, Map.of());
    }

    /** The body element names ({@code trajectplan}, {@code overdracht}, ...). */
    public Set<String> bodies() {
        return sections.keySet();
    }

    /** All categories a body can carry. */
    public Set<Categorie> categoriesOf(String body) {
        Set<Categorie> result = EnumSet.noneOf(Categorie.class);
        result.addAll(sectionsOf(body).values());
        return result;
    }

    private static void requireSameCodes() {
        Set<String> xsd = Arrays.stream(CategorieCode.values()).map(CategorieCode::value).collect(Collectors.toSet());
        Set<String> java = Arrays.stream(Categorie.values()).map(Categorie::code).collect(Collectors.toSet());
        if (!xsd.equals(java)) {
            throw new IllegalStateException("XSD CategorieCode " + xsd + " differs from Categorie " + java);
        }
    }

    private static Optional<Categorie> categoryOf(Element elementDecl, String body) {
        Element annotation = firstChild(elementDecl, "annotation");
        if (annotation == null) {
            return Optional.empty();
        }
        List<Element> codes = childElements(annotation, "appinfo").stream()
                .flatMap(appinfo -> childElementsNs(appinfo, CATEGORY_NAMESPACE, "categorie").stream())
                .toList();
        if (codes.isEmpty()) {
            return Optional.empty();
        }
        String name = body + "/" + elementDecl.getAttribute("name");
        if (codes.size() > 1) {
            throw new IllegalStateException("XSD: section " + name + " declares more than one category");
        }
        String code = codes.get(0).getTextContent().strip();
        return Optional.of(Categorie.fromCode(code).orElseThrow(() ->
                new IllegalStateException("XSD: section " + name + " has unknown category code '" + code + "'")));
    }

    /** body element name → its complexType name, from the choice in the type of element {@code inhoud}. */
    private static Map<String, String> bodies(List<Document> documents, Map<String, Element> complexTypes) {
        String inhoudType = null;
        for (Document d : documents) {
            NodeList elements = d.getElementsByTagNameNS(XS, "element");
            for (int i = 0; i < elements.getLength(); i++) {
                Element e = (Element) elements.item(i);
                if ("inhoud".equals(e.getAttribute("name"))) {
                    inhoudType = localName(e.getAttribute("type"));
                }
            }
        }
        Element type = inhoudType == null ? null : complexTypes.get(inhoudType);
        Element choice = type == null ? null : firstChild(type, "choice");
        if (choice == null) {
            throw new IllegalStateException("XSD: element inhoud must have a named complexType with an xs:choice");
        }
        Map<String, String> bodies = new LinkedHashMap<>();
        for (Element body : childElements(choice, "element")) {
            bodies.put(body.getAttribute("name"), localName(body.getAttribute("type")));
        }
        return bodies;
    }

    private static Map<String, Element> globalComplexTypes(List<Document> documents) {
        Map<String, Element> types = new HashMap<>();
        for (Document d : documents) {
            for (Element t : childElements(d.getDocumentElement(), "complexType")) {
                types.put(t.getAttribute("name"), t);
            }
        }
        return types;
    }

    /** The main schema file and everything it includes, transitively. */
    private static List<Document> loadSchemaDocuments(String mainSchemaFile) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(mainSchemaFile));
        List<Document> documents = new java.util.ArrayList<>();
        while (!todo.isEmpty()) {
            String file = todo.poll();
            if (!seen.add(file)) {
                continue;
            }
            URL url = SchemaResources.require(file);
            Document d = HardenedXml.parseTrustedResource(SchemaResources.read(url), url.toExternalForm());
            documents.add(d);
            for (Element include : childElements(d.getDocumentElement(), "include")) {
                todo.add(SchemaResources.fileNameOf(include.getAttribute("schemaLocation")));
            }
        }
        return documents;
    }

    private static String localName(String qname) {
        return qname.substring(qname.indexOf(':') + 1);
    }

    private static Element firstChild(Element parent, String xsName) {
        List<Element> children = childElements(parent, xsName);
        return children.isEmpty() ? null : children.get(0);
    }

    private static List<Element> childElements(Element parent, String xsName) {
        return parent == null ? List.of() : childElementsNs(parent, XS, xsName);
    }

    private static List<Element> childElementsNs(Element parent, String ns, String name) {
        List<Element> result = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }
}
