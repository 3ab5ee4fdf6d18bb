package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import nl.hvht.ketenpoort.bericht.Categorie;
import org.junit.jupiter.api.Test;

class AuditHashTest {

    private static final Instant T = Instant.parse("2026-11-23T01:14:33.123456Z");

    private static AuditRecord sample() {
        return new AuditRecord(7, T, "trace-1", "DELIVERED", "msg-1", "overdracht", "hvht", "gemeente-almelo",
                "p-0123456789abcdef0123456789abcdef", "detentie,identificatie", "OK", "toestemming:42",
                AuditRecord.GENESIS_HASH, null);
    }

    @Test
    void hashIsDeterministicLowercaseHexSha256() {
        String hash = AuditHash.of(sample());
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(AuditHash.of(sample()));
        assertThat(AuditHash.of(sample().withHash("ignored"))).isEqualTo(hash);
    }

    /** Golden value computed by an independent implementation (Python) of the javadoc specification. */
    @Test
    void matchesTheDocumentedEncoding() {
        assertThat(AuditHash.of(sample())).isEqualTo("7870c5b322f31c5cf3b71efaf659ab594b5c215c68184c6c1369c3daee40db3c");
        byte[] encoding = AuditHash.encode(sample());
        byte[] tag = "ketenpoort-audit-v1".getBytes(StandardCharsets.US_ASCII);
        assertThat(encoding[3]).isEqualTo((byte) tag.length);
        assertThat(new String(encoding, 4, tag.length, StandardCharsets.US_ASCII))
                .isEqualTo("ketenpoort-audit-v1");
        // then F("7")
        assertThat(Arrays.copyOfRange(encoding, 4 + tag.length, 4 + tag.length + 5))
                .containsExactly(0, 0, 0, 1, '7');
    }

    @Test
    void everyFieldChangesTheHash() {
        AuditRecord s = sample();
        List<UnaryOperator<AuditRecord>> changes = List.of(
                r -> copy(r, 0, 8),
                r -> new AuditRecord(r.volgnummer(), r.tijdstip().plusNanos(1000), r.traceId(), r.stap(), r.berichtId(),
                        r.berichtType(), r.afzender(), r.ontvanger(), r.deelnemerPseudoniem(), r.categorieen(),
                        r.uitkomst(), r.reden(), r.vorigeHash(), null),
                r -> copy(r, 1, "trace-2"), r -> copy(r, 2, "QUEUED"), r -> copy(r, 3, "msg-2"),
                r -> copy(r, 4, "verwijzing"), r -> copy(r, 5, "tactus"), r -> copy(r, 6, "gemeente-borne"),
                r -> copy(r, 7, "p-ffff"), r -> copy(r, 8, "detentie"), r -> copy(r, 9, "HTTP_503"),
                r -> copy(r, 10, "REVOKED"), r -> copy(r, 11, "1".repeat(64)));
        Set<String> hashes = new HashSet<>();
        hashes.add(AuditHash.of(s));
        changes.forEach(change -> hashes.add(AuditHash.of(change.apply(s))));
        assertThat(hashes).hasSize(changes.size() + 1);
    }

    @Test
    void fieldBoundariesAreUnambiguous() {
        AuditRecord ab = copy(copy(sample(), 1, "ab"), 2, "c");
        AuditRecord a = copy(copy(sample(), 1, "a"), 2, "bc");
        assertThat(AuditHash.of(ab)).isNotEqualTo(AuditHash.of(a));
    }

    @Test
    void nullDiffersFromEmpty() {
        assertThat(AuditHash.of(copy(sample(), 10, null))).isNotEqualTo(AuditHash.of(copy(sample(), 10, "")));
    }

    @Test
    void appendChainsAndTruncatesToMicroseconds() {
        AuditEvent event = new AuditEvent("trace-1", AuditStep.CONSENT_DECISION, "msg-1", "trajectplan", "hvht",
                "transfore", "p-1", EnumSet.of(Categorie.GEZONDHEID, Categorie.BEHANDELING), "ALLOWED", null);
        AuditRecord first = AuditRecord.append(1, T.plusNanos(789), event, AuditRecord.GENESIS_HASH, event.traceId(), null);
        AuditRecord second = AuditRecord.append(2, T, event, first.hash(), event.traceId(), null);
        assertThat(first.tijdstip()).isEqualTo(T);
        assertThat(first.categorieen()).isEqualTo("behandeling,gezondheid");
        assertThat(first.hash()).isEqualTo(AuditHash.of(first));
        assertThat(second.vorigeHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isNotEqualTo(first.hash());
        AuditRecord none = AuditRecord.append(3, T, new AuditEvent(null, AuditStep.REJECTED, null, null, null, null,
                null, null, "XSD_INVALID", null), second.hash(), null, null);
        assertThat(none.categorieen()).isNull();
    }

    @Test
    void refusesFieldsTheTableCannotHoldWithoutQuotingThem() {
        String secret = "geheim".repeat(50);
        AuditEvent tooLong = new AuditEvent("t", AuditStep.RECEIVED, secret, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> AuditRecord.check(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("berichtId")
                .hasMessageNotContaining("geheim");
        assertThatThrownBy(() -> AuditRecord.check(new AuditEvent("t", null, null, null, null, null, null, null, null,
                null))).isInstanceOf(IllegalArgumentException.class);
    }

    // --- format 2: the Logboek Dataverwerkingen fields

    private static AuditRecord.Logboek logboek() {
        return new AuditRecord.Logboek("00f067aa0ba902b7", "a3ce929d0e0e4736", null, null, null, "OK",
                Instant.parse("2026-11-23T01:14:33.000001Z"), "ketenpoort", "https://register.example/va/overdracht", "nazorg",
                AuditRecord.Logboek.PSEUDONIEM_TYPE, null, null);
    }

    private static AuditRecord sample2() {
        return new AuditRecord(7, T, "4bf92f3577b34da6a3ce929d0e0e4736", "DELIVERED", "msg-1", "overdracht", "hvht",
                "gemeente-almelo", "p-0123456789abcdef0123456789abcdef", "detentie,identificatie", "OK", "toestemming:42",
                AuditRecord.GENESIS_HASH, null, logboek());
    }

    /** Golden value computed by an independent implementation (Python) of the javadoc specification of format 2. */
    @Test
    void format2MatchesTheDocumentedEncoding() {
        assertThat(sample2().hashVersie()).isEqualTo(2);
        assertThat(AuditHash.of(sample2())).isEqualTo("1aa3a15c0c714e49c485b6e4a067fb36d0d653f1f72195e82d25f8200aef2e69");
        byte[] encoding = AuditHash.encode(sample2());
        assertThat(new String(encoding, 4, 19, StandardCharsets.US_ASCII)).isEqualTo("ketenpoort-audit-v2");
    }

    @Test
    void format1IsUnchangedForRecordsWithoutLogboekFields() {
        assertThat(sample().hashVersie()).isEqualTo(1);
        // the golden value of format 1 above, still: old records verify with the old formula
        assertThat(AuditHash.of(sample())).isEqualTo("7870c5b322f31c5cf3b71efaf659ab594b5c215c68184c6c1369c3daee40db3c");
        AuditRecord sameFieldsFormat2 = new AuditRecord(7, T, "trace-1", "DELIVERED", "msg-1", "overdracht", "hvht",
                "gemeente-almelo", "p-0123456789abcdef0123456789abcdef", "detentie,identificatie", "OK", "toestemming:42",
                AuditRecord.GENESIS_HASH, null, new AuditRecord.Logboek(null, null, null, null, null, null, null, null, null,
                        null, null, null, null));
        assertThat(AuditHash.of(sameFieldsFormat2)).isNotEqualTo(AuditHash.of(sample()));
    }

    @Test
    void everyLogboekFieldChangesTheFormat2Hash() {
        AuditRecord.Logboek l = logboek();
        List<AuditRecord.Logboek> changed = List.of(
                new AuditRecord.Logboek("10f067aa0ba902b7", l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), null, l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), "4bf92f3577b34da6a3ce929d0e0e4736", l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), "b7ad6b7169203331", l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), "hvht", l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), "ERROR", l.startTijd(), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd().plusNanos(1000), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), "ketenpoort-2", l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), "https://register.example/va/andere", l.doel(), l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), "toezicht", l.betrokkeneType(), l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), l.doel(), null, l.actorRol(), l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), "PRIVACY", l.toegangspunt()),
                new AuditRecord.Logboek(l.spanId(), l.parentSpanId(), l.foreignTraceId(), l.foreignSpanId(), l.foreignEntity(), l.statusCode(), l.startTijd(), l.resource(), l.activiteit(), l.doel(), l.betrokkeneType(), l.actorRol(), "127.0.0.1"));
        AuditRecord s = sample2();
        Set<String> hashes = new HashSet<>();
        hashes.add(AuditHash.of(s));
        changed.forEach(c -> hashes.add(AuditHash.of(new AuditRecord(s.volgnummer(), s.tijdstip(), s.traceId(), s.stap(),
                s.berichtId(), s.berichtType(), s.afzender(), s.ontvanger(), s.deelnemerPseudoniem(), s.categorieen(),
                s.uitkomst(), s.reden(), s.vorigeHash(), null, c))));
        assertThat(hashes).hasSize(changed.size() + 1);
        assertThat(AuditHash.of(copy2(s, 10, "REVOKED"))).isNotEqualTo(AuditHash.of(s));
    }

    private static AuditRecord copy2(AuditRecord r, int index, String value) {
        AuditRecord v1 = copy(r, index, value);
        return new AuditRecord(v1.volgnummer(), v1.tijdstip(), v1.traceId(), v1.stap(), v1.berichtId(), v1.berichtType(),
                v1.afzender(), v1.ontvanger(), v1.deelnemerPseudoniem(), v1.categorieen(), v1.uitkomst(), v1.reden(),
                v1.vorigeHash(), null, r.logboek());
    }

    /** {@code r} with text field {@code index} (1 = trace_id ... 11 = vorige_hash) replaced; an Integer replaces volgnummer. */
    private static AuditRecord copy(AuditRecord r, int index, Object value) {
        String[] f = {r.traceId(), r.stap(), r.berichtId(), r.berichtType(), r.afzender(), r.ontvanger(),
                r.deelnemerPseudoniem(), r.categorieen(), r.uitkomst(), r.reden(), r.vorigeHash()};
        long volgnummer = r.volgnummer();
        if (value instanceof Integer n) {
            volgnummer = n;
        } else {
            f[index - 1] = (String) value;
        }
        return new AuditRecord(volgnummer, r.tijdstip(), f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9],
                f[10], null);
    }
}
