package nl.hvht.ketenpoort.bericht;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.Document;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Hardened JDK (built-in Xerces) factories. We always take the JDK's default implementation, so a parser
 * that some dependency drags onto the classpath cannot silently replace these settings.
 */
final class HardenedXml {

    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

    /** JDK (XMLSecurityManager) limits, set per parser. */
    static final String JDK_ENTITY_EXPANSION_LIMIT = "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit";
    static final String JDK_MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    static final String JDK_ELEMENT_ATTRIBUTE_LIMIT = "http://www.oracle.com/xml/jaxp/properties/elementAttributeLimit";
    static final String JDK_TOTAL_ENTITY_SIZE_LIMIT = "http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit";
    static final String JDK_MAX_GENERAL_ENTITY_SIZE = "http://www.oracle.com/xml/jaxp/properties/maxGeneralEntitySizeLimit";
    static final String JDK_MAX_PARAMETER_ENTITY_SIZE = "http://www.oracle.com/xml/jaxp/properties/maxParameterEntitySizeLimit";

    /** Prefix of the JDK's own limit messages ("JAXP00010001: ..."). */
    static final String JDK_LIMIT_MESSAGE_PREFIX = "JAXP0001";

    /** Refuses every external entity, whatever the other settings say. */
    static final EntityResolver NO_ENTITIES = (publicId, systemId) -> {
        throw new SAXException("external entities are not resolved");
    };

    private HardenedXml() {
    }

    /** Namespace-aware, non-validating, no DOCTYPE, no XInclude, secure processing. */
    /**
     * Throws on errors without printing (the JDK default handler prints parser messages, which may quote content);
     * warnings are no reason to refuse.
     */
    static final ErrorHandler RETHROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // not a reason to refuse
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /**
     * A streaming validator for a compiled schema that fetches nothing (no external DTD or schema, no resolver) and
     * throws on the first error without printing it.
     */
    static ValidatorHandler validatorHandler(Schema schema) {
        ValidatorHandler v = schema.newValidatorHandler();
        closeExternalAccess(v::setProperty);
        v.setResourceResolver(NO_RESOURCES);
        v.setErrorHandler(RETHROW);
        return v;
    }

    /** As {@link #validatorHandler}, for validating a DOM or stream source. */
    static Validator validator(Schema schema) {
        Validator v = schema.newValidator();
        closeExternalAccess(v::setProperty);
        v.setResourceResolver(NO_RESOURCES);
        v.setErrorHandler(RETHROW);
        return v;
    }

    /** Resolves no schema resource: nothing is fetched from outside. */
    private static final org.w3c.dom.ls.LSResourceResolver NO_RESOURCES =
            (type, namespaceUri, publicId, systemId, baseUri) -> null;

    /** The property setter of a {@code Validator} or {@code ValidatorHandler}. */
    private interface PropertySetter {
        void set(String name, Object value) throws SAXException;
    }

    private static void closeExternalAccess(PropertySetter validator) {
        try {
            validator.set(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.set(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("cannot harden the schema validator", e);
        }
    }

    static SAXParserFactory saxParserFactory() {
        SAXParserFactory f = SAXParserFactory.newDefaultNSInstance();
        f.setValidating(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            f.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            f.setFeature(LOAD_EXTERNAL_DTD, false);
        } catch (ParserConfigurationException | SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK SAX parser does not support a required hardening feature", e);
        }
        return f;
    }

    /** A new reader from a hardened factory, with explicit structure limits and no external access. */
    static XMLReader xmlReader(SAXParserFactory factory, BerichtProperties limits) {
        try {
            SAXParser p = factory.newSAXParser();
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            p.setProperty(JDK_ENTITY_EXPANSION_LIMIT, String.valueOf(limits.maxEntityExpansions()));
            // One above our own limit: the LimitFilter fires first with an exact verdict; this is the backstop.
            p.setProperty(JDK_MAX_ELEMENT_DEPTH, String.valueOf(limits.maxElementDepth() + 1));
            p.setProperty(JDK_ELEMENT_ATTRIBUTE_LIMIT, String.valueOf(limits.maxAttributes() + 1));
            p.setProperty(JDK_TOTAL_ENTITY_SIZE_LIMIT, String.valueOf(limits.maxBytes().toBytes()));
            p.setProperty(JDK_MAX_GENERAL_ENTITY_SIZE, String.valueOf(limits.maxBytes().toBytes()));
            p.setProperty(JDK_MAX_PARAMETER_ENTITY_SIZE, "0");
            XMLReader reader = p.getXMLReader();
            reader.setEntityResolver(NO_ENTITIES);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot configure the JDK SAX parser", e);
        }
    }

    /** A hardened SchemaFactory: it can only read what a resource resolver hands it as bytes. */
    static SchemaFactory schemaFactory() {
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK SchemaFactory does not support a required hardening setting", e);
        }
        return f;
    }

    /** Namespace-aware DOM factory: no DOCTYPE, no XInclude, no entity expansion, secure processing. */
    static DocumentBuilderFactory documentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultNSInstance();
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK DOM parser does not support a required hardening setting", e);
        }
        return f;
    }

    /** A builder from a hardened factory that refuses every external entity. */
    static DocumentBuilder documentBuilder(DocumentBuilderFactory factory) {
        try {
            DocumentBuilder b = factory.newDocumentBuilder();
            b.setEntityResolver(NO_ENTITIES);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot create a JDK DOM parser", e);
        }
    }

    /** Identity-transform factory for serialising a DOM: secure processing, no external DTD or stylesheet. */
    static TransformerFactory transformerFactory() {
        TransformerFactory f = TransformerFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        } catch (TransformerConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK TransformerFactory does not support a required hardening setting", e);
        }
        return f;
    }

    /** Parses one of our own resources into a namespace-aware DOM, with the same hardening. */
    static Document parseTrustedResource(byte[] xml, String systemId) {
        try {
            DocumentBuilder b = documentBuilder(documentBuilderFactory());
            InputSource in = new InputSource(new ByteArrayInputStream(xml));
            in.setSystemId(systemId);
            return b.parse(in);
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("cannot parse XSD resource " + systemId, e);
        }
    }
}
