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
import nl.hvht.ketenpoort.bericht.DataCategory;
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
                "transfore", "p-1", EnumSet.of(DataCategory.GEZONDHEID, DataCategory.BEHANDELING), "ALLOWED", null);
        AuditRecord first = AuditRecord.append(1, T.plusNanos(789), event, AuditRecord.GENESIS_HASH);
        AuditRecord second = AuditRecord.append(2, T, event, first.hash());
        assertThat(first.tijdstip()).isEqualTo(T);
        assertThat(first.categorieen()).isEqualTo("behandeling,gezondheid");
        assertThat(first.hash()).isEqualTo(AuditHash.of(first));
        assertThat(second.vorigeHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isNotEqualTo(first.hash());
        AuditRecord none = AuditRecord.append(3, T, new AuditEvent(null, AuditStep.REJECTED, null, null, null, null,
                null, null, "XSD_INVALID", null), second.hash());
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
