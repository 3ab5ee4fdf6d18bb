package nl.hvht.ketenpoort.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Audit records not yet chained as one array per column of {@code audit_record}, in the order of the parameters of the
 * database function {@code audit_aanvullen} (Flyway V29): how a whole batch travels in one statement. First each
 * record's {@link AuditHash#fields}, then its columns without the three the function fills in (volgnummer,
 * vorige_hash, hash). Timestamps as ISO-8601 text (the records hold whole microseconds).
 */
final class AuditColumns {

    /** trace_id to reden. */
    private static final List<Function<AuditRecord, String>> RECORD_TEXTS = List.of(AuditRecord::traceId, AuditRecord::stap,
            AuditRecord::berichtId, AuditRecord::berichtType, AuditRecord::afzender, AuditRecord::ontvanger,
            AuditRecord::deelnemerPseudoniem, AuditRecord::categorieen, AuditRecord::uitkomst, AuditRecord::reden);
    /** span_id to status_code. */
    private static final List<Function<AuditRecord.Logboek, String>> SPAN_TEXTS = List.of(AuditRecord.Logboek::spanId,
            AuditRecord.Logboek::parentSpanId, AuditRecord.Logboek::foreignTraceId, AuditRecord.Logboek::foreignSpanId,
            AuditRecord.Logboek::foreignEntity, AuditRecord.Logboek::statusCode);
    /** resource to toegangspunt. */
    private static final List<Function<AuditRecord.Logboek, String>> PROCESSING_TEXTS = List.of(
            AuditRecord.Logboek::resource, AuditRecord.Logboek::activiteit, AuditRecord.Logboek::doel,
            AuditRecord.Logboek::betrokkeneType, AuditRecord.Logboek::actorRol, AuditRecord.Logboek::toegangspunt);

    private final List<AuditRecord> records;

    AuditColumns(List<AuditRecord> records) {
        this.records = records;
    }

    /** The number of parameters {@link #bind} binds. */
    static final int PARAMETERS = 26;

    /** Binds the {@value #PARAMETERS} arrays from parameter {@code first} on. */
    void bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        int i = first;
        statement.setArray(i++, connection.createArrayOf("bytea", column(AuditHash::fields, byte[][]::new)));
        statement.setArray(i++, connection.createArrayOf("text", column(r -> text(r.tijdstip()), String[]::new)));
        for (Function<AuditRecord, String> text : RECORD_TEXTS) {
            statement.setArray(i++, connection.createArrayOf("text", column(text, String[]::new)));
        }
        statement.setArray(i++, connection.createArrayOf("smallint", column(r -> (short) r.hashVersie(), Short[]::new)));
        for (Function<AuditRecord.Logboek, String> text : SPAN_TEXTS) {
            statement.setArray(i++, connection.createArrayOf("text", column(r -> text.apply(r.logboek()), String[]::new)));
        }
        statement.setArray(i++, connection.createArrayOf("text", column(r -> text(r.logboek().startTijd()), String[]::new)));
        for (Function<AuditRecord.Logboek, String> text : PROCESSING_TEXTS) {
            statement.setArray(i++, connection.createArrayOf("text", column(r -> text.apply(r.logboek()), String[]::new)));
        }
    }

    private <T> T[] column(Function<AuditRecord, T> value, IntFunction<T[]> array) {
        T[] values = array.apply(records.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(records.get(i));
        }
        return values;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
