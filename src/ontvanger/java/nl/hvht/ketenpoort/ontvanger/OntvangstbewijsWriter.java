package nl.hvht.ketenpoort.ontvanger;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.xml.XMLConstants;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import nl.hvht.ketenpoort.bericht.v1.Ontvangstbevestiging;
import nl.hvht.ketenpoort.signing.SigningKeyUsage;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.xml.sax.SAXException;

/**
 * The signed receipt a partner gives for a copy ({@code ontvangstbevestiging}, {@code xsd/v1/ontvangstbevestiging.xsd},
 * README "Signed receipts"): berichtId, the partner's own id, the SHA-256 (lower-case hex) of exactly the bytes it
 * received, and when; built with the generated JAXB class, validated against the schema, and signed as CMS SignedData
 * (DER, content encapsulated, SHA-256, signed attributes, certificate chain included) with the partner's signing key,
 * which is what {@code delivery.OntvangstbewijsVerifier} checks.
 */
final class OntvangstbewijsWriter {

    private static final Provider BC = new BouncyCastleProvider();
    private static final String SCHEMA = "/xsd/v1/ontvangstbevestiging.xsd";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String PARTNER_ID = "[a-z0-9]+(-[a-z0-9]+)*";

    private final Pem.Credentials signer;

    /** @param signer the partner's signing key and certificate (not its TLS certificate) */
    OntvangstbewijsWriter(Pem.Credentials signer) {
        if (!SigningKeyUsage.permitsSigning(signer.certificate())) {
            throw new ToolException(ExitCode.INPUT, Pem.subject(signer.certificate())
                    + " is not a signing certificate (keyUsage digitalSignature/nonRepudiation, no TLS use);"
                    + " the gateway would refuse the receipt (NOT_A_SIGNING_CERTIFICATE): use your signing certificate");
        }
        this.signer = signer;
    }

    /** The receipt XML (UTF-8), valid against the schema. */
    byte[] xml(String berichtId, String ontvanger, byte[] received, OffsetDateTime moment) {
        if (!berichtId.matches(UUID)) {
            throw new ToolException(ExitCode.USAGE, "--bericht-id must be the message's UUID in lower case");
        }
        if (!ontvanger.matches(PARTNER_ID) || ontvanger.length() > 64) {
            throw new ToolException(ExitCode.USAGE, "--ontvanger must be your partner id as in the registry (e.g. justact)");
        }
        Ontvangstbevestiging receipt = new Ontvangstbevestiging();
        receipt.setVersie("1.0");
        receipt.setBerichtId(berichtId);
        receipt.setOntvanger(ontvanger);
        receipt.setDigest(sha256(received));
        try {
            receipt.setOntvangstmoment(DatatypeFactory.newInstance().newXMLGregorianCalendar(
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment.truncatedTo(ChronoUnit.MILLIS))));
            Marshaller marshaller = JAXBContext.newInstance(Ontvangstbevestiging.class).createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setSchema(schema());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller.marshal(receipt, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new ToolException(ExitCode.USAGE, "the receipt is not valid against ontvangstbevestiging.xsd");
        } catch (DatatypeConfigurationException | SAXException e) {
            throw new IllegalStateException("XML support missing", e);
        }
    }

    /** The receipt signed: what goes back to the gateway ({@code application/pkcs7-mime}). */
    byte[] signed(String berichtId, String ontvanger, byte[] received, OffsetDateTime moment) {
        byte[] xml = xml(berichtId, ontvanger, received, moment);
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .build(new JcaContentSignerBuilder(signer.signatureAlgorithm()).setProvider(BC).build(signer.key()),
                            signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            return generator.generate(new CMSProcessableByteArray(xml), true).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
            throw new ToolException(ExitCode.INPUT, "the receipt could not be signed with this key ("
                    + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("CMS encoding failed", e);
        }
    }

    /** SHA-256, lower-case hex: the receipt's {@code digest}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    private static Schema schema() throws SAXException {
        URL url = OntvangstbewijsWriter.class.getResource(SCHEMA);
        if (url == null) {
            throw new IllegalStateException(SCHEMA + " missing from the tool's jar");
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // our own schema and the typen.xsd it includes, from the jar (or the class directory)
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        return factory.newSchema(url);
    }
}
