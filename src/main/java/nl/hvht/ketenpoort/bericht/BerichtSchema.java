package nl.hvht.ketenpoort.bericht;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayInputStream;
import java.net.URL;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import nl.hvht.ketenpoort.bericht.v1.Bericht;
import org.springframework.stereotype.Component;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The compiled XSD v1 and the JAXB context of its generated classes, both built once and thread-safe.
 * The schema is read from our own classpath resources only: its {@code xs:include}s are resolved by file
 * name inside {@code xsd/v1/}, and the factory may not open any URL itself.
 */
@Component
public final class BerichtSchema {

    private final Schema schema;
    private final JAXBContext jaxbContext;

    public BerichtSchema() {
        this.schema = loadSchema(SchemaResources.MAIN);
        try {
            this.jaxbContext = JAXBContext.newInstance(Bericht.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot create the JAXB context for bericht v1", e);
        }
    }

    /** The compiled schema (thread-safe; create a Validator or ValidatorHandler per use). */
    public Schema schema() {
        return schema;
    }

    /** The JAXB context for {@link Bericht} (thread-safe; create an (Un)marshaller per use). */
    public JAXBContext jaxbContext() {
        return jaxbContext;
    }

    /** Compiles one of our schema files in {@code xsd/v1/}, its includes resolved from the classpath only. */
    static Schema loadSchema(String fileName) {
        URL main = SchemaResources.require(fileName);
        SchemaFactory factory = HardenedXml.schemaFactory();
        factory.setResourceResolver(classpathOnly());
        try {
            return factory.newSchema(new StreamSource(
                    new ByteArrayInputStream(SchemaResources.read(main)), main.toExternalForm()));
        } catch (SAXException e) {
            throw new IllegalStateException("the v1 XSD " + fileName + " does not compile", e);
        }
    }

    private static LSResourceResolver classpathOnly() {
        DOMImplementationLS ls = domImplementationLs();
        return (type, namespaceUri, publicId, systemId, baseUri) -> {
            URL url = SchemaResources.find(SchemaResources.fileNameOf(systemId));
            if (url == null) {
                return null; // the factory then tries the location itself, which ACCESS_EXTERNAL_SCHEMA="" refuses
            }
            LSInput input = ls.createLSInput();
            input.setByteStream(new ByteArrayInputStream(SchemaResources.read(url)));
            input.setSystemId(url.toExternalForm());
            input.setBaseURI(baseUri);
            return input;
        };
    }

    private static DOMImplementationLS domImplementationLs() {
        try {
            return (DOMImplementationLS) DocumentBuilderFactory.newDefaultInstance()
                    .newDocumentBuilder().getDOMImplementation();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no JDK DOM implementation", e);
        }
    }
}
