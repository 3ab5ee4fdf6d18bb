package nl.hvht.ketenpoort.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit records of a period as JSON lines in the shape of Logboek Dataverwerkingen, for an external logbook or an
 * auditor: one object per record, in chain order, streamed from the database (a cursor with a fetch size: constant
 * memory however many records), each line written as it is read. The mapping of every field is in the README
 * ("Audit export"); {@link #write} is the one place that defines it.
 *
 * <p>The Logboek fields first ({@code trace_id}, {@code span_id}, {@code parent_span_id}, {@code name},
 * {@code start_time}, {@code end_time}, {@code status_code}, {@code resource}, {@code foreign_operation},
 * {@code attributes} with the {@code dpl.core.*} keys), then under {@code attributes} the gateway's own fields
 * ({@code ketenpoort.*}, NEN 7513: user, role, purpose of use, network access point) with the record's hash and its
 * predecessor's, so the chain can be checked from the export (formula in {@link AuditHash}). Records of hash format 1
 * (from before the Logboek fields) have no span, status, activity or start: those fields are null.
 */
@Component
public class AuditExport {

    /** Media type of the export. */
    public static final String NDJSON = "application/x-ndjson";
    private static final int FETCH_SIZE = 1000;
    private static final int FLUSH_EVERY = 500;
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AuditExport(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        JdbcTemplate fetching = new JdbcTemplate(jdbc.getDataSource());
        fetching.setFetchSize(FETCH_SIZE);
        this.jdbc = JdbcClient.create(fetching);
        this.transactions = new TransactionTemplate(transactionManager);
        // A cursor (PostgreSQL streams with a fetch size only inside a transaction); no timeout: an export may be long.
        this.transactions.setReadOnly(true);
    }

    /**
     * Writes the records with {@code van <= tijdstip < tot} to {@code out}, those of one participant only if
     * {@code pseudoniemen} is not empty (his pseudonyms under every key, {@link Pseudonymizer#pseudonyms}). Returns the
     * number of records written. The stream is flushed, not closed.
     */
    public long export(Instant van, Instant tot, List<String> pseudoniemen, OutputStream out) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("van", OffsetDateTime.ofInstant(van, ZoneOffset.UTC));
        args.put("tot", OffsetDateTime.ofInstant(tot, ZoneOffset.UTC));
        StringBuilder sql = new StringBuilder("select ").append(AuditChainVerifier.COLUMNS)
                .append(" from audit_record where tijdstip >= :van and tijdstip < :tot");
        if (!pseudoniemen.isEmpty()) {
            sql.append(" and deelnemer_pseudoniem in (:pseudoniemen)");
            args.put("pseudoniemen", List.copyOf(pseudoniemen));
        }
        // Chain order is volgnummer order: tijdstip is read before the record gets its place in the chain (and on
        // several nodes comes from several clocks), so the two orders can differ by some milliseconds.
        sql.append(" order by volgnummer");
        long[] written = {0};
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setRootValueSeparator(null); // one object per line: the line end is written below
            transactions.executeWithoutResult(status -> jdbc.sql(sql.toString()).params(args).query((RowCallbackHandler) rs -> {
                try {
                    write(json, AuditChainVerifier.read(rs));
                    json.writeRaw('\n');
                    if (++written[0] % FLUSH_EVERY == 0) {
                        json.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written[0];
    }

    /** One record as one JSON object (no line end). */
    static void write(JsonGenerator json, AuditRecord r) throws IOException {
        AuditRecord.Logboek lb = r.logboek();
        json.writeStartObject();
        json.writeStringField("trace_id", traceId(r));
        json.writeStringField("span_id", lb == null ? null : lb.spanId());
        json.writeStringField("parent_span_id", lb == null ? null : lb.parentSpanId());
        json.writeStringField("name", r.stap());
        json.writeStringField("start_time", lb == null || lb.startTijd() == null ? null : TIME.format(lb.startTijd()));
        json.writeStringField("end_time", TIME.format(r.tijdstip()));
        json.writeStringField("status_code", lb == null ? null : lb.statusCode());
        json.writeObjectFieldStart("resource");
        json.writeStringField("service.name", lb == null ? null : lb.resource());
        json.writeEndObject();
        if (lb != null && lb.foreignTraceId() != null) {
            json.writeObjectFieldStart("foreign_operation");
            json.writeStringField("trace_id", lb.foreignTraceId());
            json.writeStringField("span_id", lb.foreignSpanId());
            json.writeStringField("entity", lb.foreignEntity());
            json.writeEndObject();
        } else {
            json.writeNullField("foreign_operation");
        }
        json.writeObjectFieldStart("attributes");
        json.writeStringField("dpl.core.processing_activity_id", lb == null ? null : lb.activiteit());
        json.writeStringField("dpl.core.data_subject_id", r.deelnemerPseudoniem());
        json.writeStringField("dpl.core.data_subject_id_type", lb == null
                ? (r.deelnemerPseudoniem() == null ? null : AuditRecord.Logboek.PSEUDONIEM_TYPE) : lb.betrokkeneType());
        json.writeNumberField("ketenpoort.volgnummer", r.volgnummer());
        json.writeNumberField("ketenpoort.hash_versie", r.hashVersie());
        json.writeStringField("ketenpoort.bericht_id", r.berichtId());
        json.writeStringField("ketenpoort.bericht_type", r.berichtType());
        json.writeStringField("ketenpoort.afzender", r.afzender());
        json.writeStringField("ketenpoort.ontvanger", r.ontvanger());
        json.writeStringField("ketenpoort.categorieen", r.categorieen());
        json.writeStringField("ketenpoort.uitkomst", r.uitkomst());
        json.writeStringField("ketenpoort.reden", r.reden());
        json.writeStringField("ketenpoort.doel", lb == null ? null : lb.doel());
        json.writeStringField("ketenpoort.actor_rol", lb == null ? null : lb.actorRol());
        json.writeStringField("ketenpoort.toegangspunt", lb == null ? null : lb.toegangspunt());
        json.writeStringField("ketenpoort.vorige_hash", r.vorigeHash());
        json.writeStringField("ketenpoort.hash", r.hash());
        json.writeEndObject();
        json.writeEndObject();
    }

    /** 16 bytes as 32 hex; a format-1 record's trace id of another form (a UUID) without dashes, else null. */
    private static String traceId(AuditRecord r) {
        String id = r.traceId();
        if (id == null) {
            return null;
        }
        if (TRACE_ID.matcher(id).matches()) {
            return id;
        }
        String dashless = id.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        return TRACE_ID.matcher(dashless).matches() ? dashless : null;
    }
}
