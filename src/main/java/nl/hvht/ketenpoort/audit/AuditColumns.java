package nl.hvht.ketenpoort.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Audit records as one array per column of {@code audit_record}, in the order of {@link JdbcAuditLog}'s insert: how a
 * whole batch travels in one statement. Timestamps as ISO-8601 text (the records hold whole microseconds).
 */
final class AuditColumns {

    /** trace_id to hash. */
    private static final List<Function<AuditRecord, String>> RECORD_TEXTS = List.of(AuditRecord::traceId, AuditRecord::stap,
            AuditRecord::berichtId, AuditRecord::berichtType, AuditRecord::afzender, AuditRecord::ontvanger,
            AuditRecord::deelnemerPseudoniem, AuditRecord::categorieen, AuditRecord::uitkomst, AuditRecord::reden,
            AuditRecord::vorigeHash, AuditRecord::hash);
    /** span_id to status_code. */
    private static final List<Function<AuditRecord.Logboek, String>> SPAN_TEXTS = List.of(AuditRecord.Logboek::spanId,
            AuditRecord.Logboek::parentSpanId, AuditRecord.Logboek::foreignTraceId, AuditRecord.Logboek::foreignSpanId,
            AuditRecord.Logboek::foreignEntity, AuditRecord.Logboek::statusCode);
    /** resource to toegangspunt. */
    private static final List<Function<AuditRecord.Logboek, String>> PROCESSING_TEXTS = List.of(AuditRecord.Logboek::resource,
            AuditRecord.Logboek::activiteit, AuditRecord.Logboek::doel, AuditRecord.Logboek::betrokkeneType,
            AuditRecord.Logboek::actorRol, AuditRecord.Logboek::toegangspunt);

    private final Long[] volgnummers;
    private final String[] tijdstippen;
    private final Short[] hashVersies;
    private final String[] startTijden;
    private final List<AuditRecord> records;

    AuditColumns(List<AuditRecord> records) {
        this.records = records;
        int n = records.size();
        volgnummers = new Long[n];
        tijdstippen = new String[n];
        hashVersies = new Short[n];
        startTijden = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRecord r = records.get(i);
            volgnummers[i] = r.volgnummer();
            tijdstippen[i] = text(r.tijdstip());
            hashVersies[i] = (short) r.hashVersie();
            startTijden[i] = text(r.logboek().startTijd());
        }
    }

    /** Binds the 28 columns from parameter {@code first} on. */
    void bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        int i = first;
        statement.setArray(i++, connection.createArrayOf("bigint", volgnummers));
        statement.setArray(i++, connection.createArrayOf("text", tijdstippen));
        for (Function<AuditRecord, String> column : RECORD_TEXTS) {
            statement.setArray(i++, connection.createArrayOf("text", texts(column)));
        }
        statement.setArray(i++, connection.createArrayOf("smallint", hashVersies));
        for (Function<AuditRecord.Logboek, String> column : SPAN_TEXTS) {
            statement.setArray(i++, connection.createArrayOf("text", texts(r -> column.apply(r.logboek()))));
        }
        statement.setArray(i++, connection.createArrayOf("text", startTijden));
        for (Function<AuditRecord.Logboek, String> column : PROCESSING_TEXTS) {
            statement.setArray(i++, connection.createArrayOf("text", texts(r -> column.apply(r.logboek()))));
        }
    }

    private String[] texts(Function<AuditRecord, String> column) {
        String[] values = new String[records.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(records.get(i));
        }
        return values;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
