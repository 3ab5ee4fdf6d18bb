package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One audit record as one line of the export, in the shape of Logboek Dataverwerkingen. */
class AuditExportTest {

    private static final Instant T = Instant.parse("2026-12-02T10:15:30.123456Z");

    private static JsonNode line(AuditRecord r) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            AuditExport.write(json, r);
        }
        assertThat(out.toString()).doesNotContain("\n");
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void aFormat2RecordHasEveryLogboekField() throws Exception {
        AuditRecord r = new AuditRecord(42, T, "4bf92f3577b34da6a3ce929d0e0e4736", "RECEIVED", "m-1", "Overdracht", "hvht",
                null, "p-0123", "detentie,identificatie", "OK", "nazorg", "a".repeat(64), "b".repeat(64),
                new AuditRecord.Logboek("00f067aa0ba902b7", "a3ce929d0e0e4736", "4bf92f3577b34da6a3ce929d0e0e4736",
                        "b7ad6b7169203331", "hvht", "OK", T.minusMillis(5), "ketenpoort", "urn:va:overdracht", "nazorg",
                        AuditRecord.Logboek.PSEUDONIEM_TYPE, null, null));
        JsonNode line = line(r);
        assertThat(line.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(line.get("parent_span_id").asText()).isEqualTo("a3ce929d0e0e4736");
        assertThat(line.get("name").asText()).isEqualTo("RECEIVED");
        assertThat(line.get("start_time").asText()).isEqualTo("2026-12-02T10:15:30.118456Z");
        assertThat(line.get("end_time").asText()).isEqualTo("2026-12-02T10:15:30.123456Z");
        assertThat(line.get("status_code").asText()).isEqualTo("OK");
        assertThat(line.at("/resource/service.name").asText()).isEqualTo("ketenpoort");
        assertThat(line.at("/foreign_operation/trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.at("/foreign_operation/span_id").asText()).isEqualTo("b7ad6b7169203331");
        assertThat(line.at("/foreign_operation/entity").asText()).isEqualTo("hvht");
        JsonNode attributes = line.get("attributes");
        assertThat(attributes.get("dpl.core.processing_activity_id").asText()).isEqualTo("urn:va:overdracht");
        assertThat(attributes.get("dpl.core.data_subject_id").asText()).isEqualTo("p-0123");
        assertThat(attributes.get("dpl.core.data_subject_id_type").asText()).isEqualTo("ketenpoort-deelnemer-pseudoniem");
        assertThat(attributes.get("ketenpoort.volgnummer").asLong()).isEqualTo(42);
        assertThat(attributes.get("ketenpoort.hash_versie").asInt()).isEqualTo(2);
        assertThat(attributes.get("ketenpoort.hash").asText()).isEqualTo("b".repeat(64));
        assertThat(attributes.get("ketenpoort.vorige_hash").asText()).isEqualTo("a".repeat(64));
        assertThat(attributes.get("ketenpoort.doel").asText()).isEqualTo("nazorg");
        assertThat(attributes.get("ketenpoort.categorieen").asText()).isEqualTo("detentie,identificatie");
    }

    @Test
    void aFormat1RecordHasNoSpanAndItsUuidTraceWithoutDashes() throws Exception {
        AuditRecord r = new AuditRecord(3, T, "0b0e8a3c-52f1-4d62-a3c6-6f1f2d4b9a10", "CONSENT_REGISTERED", null, null, "hvht",
                null, "p-0123", null, "OK", null, "a".repeat(64), "b".repeat(64));
        JsonNode line = line(r);
        assertThat(line.get("trace_id").asText()).isEqualTo("0b0e8a3c52f14d62a3c66f1f2d4b9a10");
        assertThat(line.get("span_id").isNull()).isTrue();
        assertThat(line.get("start_time").isNull()).isTrue();
        assertThat(line.get("foreign_operation").isNull()).isTrue();
        assertThat(line.at("/attributes/ketenpoort.hash_versie").asInt()).isEqualTo(1);
        assertThat(line.at("/attributes/dpl.core.data_subject_id_type").asText()).isEqualTo("ketenpoort-deelnemer-pseudoniem");
        assertThat(line.at("/attributes/dpl.core.processing_activity_id").isNull()).isTrue();
    }

    @Test
    void aRecordWithoutParticipantHasNoDataSubject() throws Exception {
        AuditRecord r = new AuditRecord(4, T, "not-a-trace", "REJECTED", null, null, null, null, null, null, "FORBIDDEN",
                null, "a".repeat(64), "b".repeat(64));
        JsonNode line = line(r);
        assertThat(line.get("trace_id").isNull()).isTrue();
        assertThat(line.at("/attributes/dpl.core.data_subject_id").isNull()).isTrue();
        assertThat(line.at("/attributes/dpl.core.data_subject_id_type").isNull()).isTrue();
    }
}
