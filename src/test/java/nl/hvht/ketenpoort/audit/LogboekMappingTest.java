package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a step becomes the Logboek Dataverwerkingen fields of its record. */
class LogboekMappingTest {

    private static final Instant END = Instant.parse("2026-12-02T10:15:30.123456789Z");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Verwerkingsregister REGISTER = new Verwerkingsregister("ketenpoort-test",
            new Verwerkingsregister.Verwerkingsactiviteit("urn:va:beheer", "Beheer", "art. 6 lid 1 sub c"),
            new Verwerkingsregister.Verwerkingsactiviteit("urn:va:toestemming", "Toestemming", "art. 7"),
            java.util.Arrays.stream(nl.hvht.ketenpoort.bericht.v1.BerichtType.values())
                    .map(t -> new Verwerkingsregister.Stroom("urn:va:" + t.value(), t.value(), "art. 6 lid 1 sub e", t.value(), null))
                    .toList());
    private static final Activiteiten ACTIVITEITEN = new Activiteiten(REGISTER);

    private static AuditEvent received() {
        return new AuditEvent(TRACE, AuditStep.RECEIVED, "m-1", "Overdracht", "hvht", null, "p-0123", null, "OK", "nazorg")
                .voorDoel("nazorg");
    }

    @Test
    void aReceivedMessageNamesItsSpanThePartnersOperationItsActivityAndThePseudonymType() {
        AuditSpan.ForeignOperation partner = AuditSpan.ForeignOperation.of(
                "00-" + TRACE + "-b7ad6b7169203331-01", "hvht");
        AuditEvent event = received().in(new AuditSpan("00f067aa0ba902b7", partner, END.minusMillis(40)));
        AuditRecord.Logboek lb = LogboekMapping.of(event, END, ACTIVITEITEN);
        assertThat(lb.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("0000000000000000");
        assertThat(lb.parentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(lb.foreignTraceId()).isEqualTo(TRACE);
        assertThat(lb.foreignSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(lb.foreignEntity()).isEqualTo("hvht");
        assertThat(lb.statusCode()).isEqualTo("OK");
        assertThat(lb.startTijd()).isEqualTo(Instant.parse("2026-12-02T10:15:30.083456Z"));
        assertThat(lb.resource()).isEqualTo("ketenpoort-test");
        assertThat(lb.activiteit()).isEqualTo("urn:va:Overdracht");
        assertThat(lb.doel()).isEqualTo("nazorg");
        assertThat(lb.betrokkeneType()).isEqualTo("ketenpoort-deelnemer-pseudoniem");
        assertThat(lb.actorRol()).isNull();
        assertThat(lb.toegangspunt()).isNull();
    }

    @Test
    void everyRecordGetsASpanOfItsOwn() {
        assertThat(LogboekMapping.of(received(), END, ACTIVITEITEN).spanId())
                .isNotEqualTo(LogboekMapping.of(received(), END, ACTIVITEITEN).spanId());
    }

    @Test
    void withoutSpanTheOperationStartsAndEndsAtTheRecordAndHasNoParent() {
        AuditRecord.Logboek lb = LogboekMapping.of(received(), END, ACTIVITEITEN);
        assertThat(lb.parentSpanId()).isNull();
        assertThat(lb.foreignTraceId()).isNull();
        assertThat(lb.startTijd()).isEqualTo(Instant.parse("2026-12-02T10:15:30.123456Z"));
    }

    @Test
    void aConsoleAccessCarriesTheNen7513Fields() {
        AuditEvent view = new AuditEvent(null, AuditStep.ADMIN_VIEW, "m-1", "Overdracht", "beheerder:anna", null, "p-0123",
                null, "OK", "bericht:detail").voorDoel("beheer").door(new Toegang("BEHEERDER,PRIVACY", "10.0.0.7"));
        AuditRecord.Logboek lb = LogboekMapping.of(view, END, ACTIVITEITEN);
        assertThat(lb.actorRol()).isEqualTo("BEHEERDER,PRIVACY");
        assertThat(lb.toegangspunt()).isEqualTo("10.0.0.7");
        assertThat(lb.doel()).isEqualTo("beheer");
        assertThat(lb.activiteit()).isEqualTo("urn:va:beheer");
    }

    @Test
    void invalidSpanIdsAndForeignOperationsAreDropped() {
        assertThat(AuditSpan.ForeignOperation.of("00-" + "0".repeat(32) + "-b7ad6b7169203331-01", "hvht")).isNull();
        assertThat(AuditSpan.ForeignOperation.of("garbage", "hvht")).isNull();
        assertThat(AuditSpan.ForeignOperation.of(null, "hvht")).isNull();
        AuditEvent event = received().in(new AuditSpan("not-hex", new AuditSpan.ForeignOperation("x", "y", "hvht"), null));
        AuditRecord.Logboek lb = LogboekMapping.of(event, END, ACTIVITEITEN);
        assertThat(lb.parentSpanId()).isNull();
        assertThat(lb.foreignTraceId()).isNull();
        assertThat(lb.foreignEntity()).isNull();
    }

    @Test
    void failuresAreErrorsAndDecisionsAreOk() {
        record Case(AuditStep step, String outcome, String status) {
        }
        for (Case c : List.of(new Case(AuditStep.REJECTED, "SCHEMA_INVALID", "ERROR"),
                new Case(AuditStep.DELIVERY_ATTEMPT, "HTTP_503", "ERROR"), new Case(AuditStep.DELIVERY_ATTEMPT, "OK", "OK"),
                new Case(AuditStep.DEAD_LETTERED, "HTTP_400", "ERROR"), new Case(AuditStep.ADMIN_LOGIN, "TOTP_FOUT", "ERROR"),
                new Case(AuditStep.CONSENT_DECISION, "DENIED", "OK"), new Case(AuditStep.WITHHELD, "NO_CONSENT", "OK"),
                new Case(AuditStep.CONSENT_REVOKED, AuditLog.ROLLED_BACK, "ERROR"))) {
            AuditEvent event = new AuditEvent(TRACE, c.step(), "m", "Overdracht", "hvht", null, null, null, c.outcome(), null);
            assertThat(LogboekMapping.statusCode(event)).as("%s %s", c.step(), c.outcome()).isEqualTo(c.status());
        }
    }

    @Test
    void aStepOutsideAnyTraceGetsATraceOfSixteenBytes() {
        assertThat(LogboekMapping.traceId(null)).matches("[0-9a-f]{32}");
        assertThat(LogboekMapping.traceId(TRACE)).isEqualTo(TRACE);
        assertThat(LogboekMapping.of(new AuditEvent(null, AuditStep.ADMIN_LOGIN, null, null, null, null, null, null, "OK",
                null), END, ACTIVITEITEN).betrokkeneType()).isNull();
    }
}
