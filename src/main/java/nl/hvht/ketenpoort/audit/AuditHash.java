package nl.hvht.ketenpoort.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The chain hash of an audit record. Specification, so that an auditor can recompute it independently
 * from the {@code audit_record} table. The column {@code hash_versie} says which format a record has: 1 for the
 * records written before the Logboek Dataverwerkingen fields existed (Flyway V24), 2 for every record since. The
 * formats differ only in the tag and in the fields between {@code reden} and {@code vorige_hash}; one chain holds
 * both (each record's {@code vorige_hash} is its predecessor's hash, whatever the predecessor's format).
 *
 * <p>Format 1:
 * <pre>
 * hash     = lowercase hex( SHA-256( encoding ) )                       -- 64 characters
 * encoding = F("ketenpoort-audit-v1")                                   -- format tag
 *            F(volgnummer)            decimal ASCII digits, no sign, no leading zeros
 *            F(tijdstip)              UTC, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'" (always 6 fraction digits)
 *            F(trace_id) F(stap) F(bericht_id) F(bericht_type) F(afzender) F(ontvanger)
 *            F(deelnemer_pseudoniem) F(categorieen) F(uitkomst) F(reden)
 *            F(vorige_hash)           the previous record's hash; for volgnummer 1: 64 times '0'
 * </pre>
 *
 * <p>Format 2:
 * <pre>
 * encoding = F("ketenpoort-audit-v2")
 *            F(volgnummer) F(tijdstip) F(trace_id) F(stap) F(bericht_id) F(bericht_type) F(afzender) F(ontvanger)
 *            F(deelnemer_pseudoniem) F(categorieen) F(uitkomst) F(reden)         -- as in format 1
 *            F(span_id) F(parent_span_id) F(foreign_trace_id) F(foreign_span_id) F(foreign_entity)
 *            F(status_code) F(start_tijd)   start_tijd in the same form as tijdstip
 *            F(resource) F(verwerkingsactiviteit) F(doel) F(betrokkene_type) F(actor_rol) F(toegangspunt)
 *            F(vorige_hash)
 * </pre>
 *
 * <pre>
 * F(null)  = the 4 bytes FF FF FF FF
 * F(text)  = length of UTF-8(text) in bytes as unsigned 32-bit big-endian integer, then UTF-8(text)
 * </pre>
 *
 * <p>Fields are the column values exactly as stored ({@code categorieen}: sorted category codes joined
 * by ",", SQL NULL when there are none). The length prefix makes the encoding unambiguous ("ab","c"
 * and "a","bc" differ), and SQL NULL is distinct from the empty string. Example: the text "OK" is
 * encoded as {@code 00 00 00 02 4F 4B}.
 */
final class AuditHash {

    static final String FORMAT_TAG = "ketenpoort-audit-v1";
    static final String FORMAT_TAG_2 = "ketenpoort-audit-v2";
    private static final DateTimeFormatter TIJDSTIP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] NULL_FIELD = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    private AuditHash() {
    }

    /** The hash of {@code r}; its own {@code hash} component is ignored. */
    static String of(AuditRecord r) {
        return HexFormat.of().formatHex(sha256(encode(r)));
    }

    /** The canonical encoding that is hashed, in the record's format. */
    static byte[] encode(AuditRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        field(out, r.logboek() == null ? FORMAT_TAG : FORMAT_TAG_2);
        field(out, Long.toString(r.volgnummer()));
        out.writeBytes(fields(r));
        field(out, r.vorigeHash());
        return out.toByteArray();
    }

    /**
     * The encoding without its first two fields (tag and volgnummer) and its last (vorige_hash): the part that does not
     * depend on the record's place in the chain. The writer sends it with the record, and the database function
     * {@code audit_aanvullen} (Flyway V29) adds those three under the chain head's lock, exactly as {@link #encode}.
     */
    static byte[] fields(AuditRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        AuditRecord.Logboek lb = r.logboek();
        field(out, TIJDSTIP.format(r.tijdstip()));
        field(out, r.traceId());
        field(out, r.stap());
        field(out, r.berichtId());
        field(out, r.berichtType());
        field(out, r.afzender());
        field(out, r.ontvanger());
        field(out, r.deelnemerPseudoniem());
        field(out, r.categorieen());
        field(out, r.uitkomst());
        field(out, r.reden());
        if (lb != null) {
            field(out, lb.spanId());
            field(out, lb.parentSpanId());
            field(out, lb.foreignTraceId());
            field(out, lb.foreignSpanId());
            field(out, lb.foreignEntity());
            field(out, lb.statusCode());
            field(out, lb.startTijd() == null ? null : TIJDSTIP.format(lb.startTijd()));
            field(out, lb.resource());
            field(out, lb.activiteit());
            field(out, lb.doel());
            field(out, lb.betrokkeneType());
            field(out, lb.actorRol());
            field(out, lb.toegangspunt());
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(NULL_FIELD);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(bytes);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
