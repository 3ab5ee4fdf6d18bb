package nl.hvht.ketenpoort.consent;

import static nl.hvht.ketenpoort.bericht.DataCategory.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.DataCategory.IDENTIFICATIE;
import static nl.hvht.ketenpoort.bericht.DataCategory.LEEFGEBIEDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditProperties;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.DataCategory;
import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.consent.ConsentService.ConsentQuery;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerKind;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * The consent store against real databases: PostgreSQL (as in production) and H2 in PostgreSQL mode (as in
 * the demo run), each migrated with Flyway from {@code db/migration/common} only.
 */
class ConsentStoreIT {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant VAN = T0.minus(Duration.ofDays(1));
    private static final Instant TOT = T0.plus(Duration.ofDays(365));
    private static final String GEMEENTE = "gemeente-almelo";
    private static final String ZORG = "transfore";
    private static final Set<String> KNOWN = Set.of("hvht", GEMEENTE, ZORG, "reclassering-nederland");
    private static final AtomicInteger PARTICIPANTS = new AtomicInteger();

    enum Database {
        POSTGRESQL {
            @Override
            DataSource create(String name) {
                TestPostgres.createDatabase(name);
                return TestPostgres.dataSource(name);
            }
        },
        H2 {
            @Override
            DataSource create(String name) {
                return new DriverManagerDataSource("jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
            }
        };

        private static final Map<Database, DataSource> MIGRATED = new ConcurrentHashMap<>();

        abstract DataSource create(String name);

        DataSource migrated() {
            return MIGRATED.computeIfAbsent(this, db -> {
                DataSource ds = db.create("consent_it");
                Flyway.configure().dataSource(ds).locations("classpath:db/migration/common").load().migrate();
                return ds;
            });
        }
    }

    /** Collects audit events; can be told to fail, as a real audit log can. */
    static final class CollectingAuditLog implements AuditLog {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void record(AuditEvent event) {
            if (failing) {
                throw new IllegalStateException("audit store unavailable");
            }
            events.add(event);
        }
    }

    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** Everything wired by hand, as Spring would, with the registry behind a real transaction proxy. */
    static final class Fixture {
        final DataSource dataSource;
        final JdbcTemplate jdbc;
        final CollectingAuditLog audit = new CollectingAuditLog();
        final MovableClock clock = new MovableClock();
        final Pseudonymizer pseudonymizer = pseudonymizer();
        final JdbcConsentService consent;
        final ConsentLog consentLog;
        final ConsentRegistry registry;

        Fixture(Database database) {
            dataSource = database.migrated();
            jdbc = new JdbcTemplate(dataSource);
            VerklaringStore store = new VerklaringStore(jdbc);
            consent = new JdbcConsentService(store);
            consentLog = new ConsentLog(jdbc, clock);
            registry = transactional(new ConsentRegistry(store, partners(), audit, pseudonymizer, clock), dataSource);
        }
    }

    private static Pseudonymizer pseudonymizer() {
        try {
            var constructor = Pseudonymizer.class.getDeclaredConstructor(AuditProperties.class);
            return BeanUtils.instantiateClass(constructor, new AuditProperties("test-only-pseudonym-key-0123456789abcdef", 10));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PartnerRegistry partners() {
        PartnerRegistry partners = mock(PartnerRegistry.class);
        when(partners.byId(anyString())).thenAnswer(call -> {
            String id = call.getArgument(0);
            return KNOWN.contains(id)
                    ? Optional.of(new Partner(id, id, "00000001900000000001", PartnerKind.GEMEENTE, URI.create("https://" + id), null))
                    : Optional.empty();
        });
        return partners;
    }

    private static ConsentRegistry transactional(ConsentRegistry target, DataSource dataSource) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAdvice(new TransactionInterceptor(new DataSourceTransactionManager(dataSource),
                new AnnotationTransactionAttributeSource()));
        return (ConsentRegistry) factory.getProxy();
    }

    private static String newParticipant() {
        return "DLN-IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-" + PARTICIPANTS.incrementAndGet();
    }

    private static ConsentRegistry.Registratie registratie(String deelnemer) {
        return new ConsentRegistry.Registratie(deelnemer, Set.of(GEMEENTE, "reclassering-nederland"),
                Set.of("identificatie", "leefgebieden"), Set.of("nazorg", "toezicht"), VAN, TOT,
                "AB".repeat(32));
    }

    private static ConsentQuery query(String deelnemer, String ontvanger, Set<DataCategory> categories) {
        return new ConsentQuery(deelnemer, ontvanger, categories, "nazorg");
    }

    private int count(Fixture f, String sql, Object... args) {
        return f.jdbc.queryForObject(sql, Integer.class, args);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void registeredVerklaringAllowsWithItsIdAndIsAudited(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();

        Verklaring registered = f.registry.register(registratie(deelnemer), "hvht");

        assertThat(f.consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE, LEEFGEBIEDEN)), T0))
                .isEqualTo(ConsentDecision.allowedBy(registered.id()));
        assertThat(f.consent.decide(query(deelnemer, "reclassering-nederland", Set.of(IDENTIFICATIE)), T0).allowed()).isTrue();

        Verklaring stored = f.registry.find(registered.id(), "hvht");
        assertThat(stored).isEqualTo(registered);
        assertThat(stored.versie()).isEqualTo(1);
        assertThat(stored.bewijsHash()).isEqualTo("ab".repeat(32));
        assertThat(stored.geregistreerdOp()).isEqualTo(T0);

        assertThat(f.audit.events).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo(AuditStep.CONSENT_REGISTERED);
            assertThat(e.afzender()).isEqualTo("hvht");
            assertThat(e.deelnemerPseudoniem()).isEqualTo(f.pseudonymizer.pseudonym(deelnemer)).doesNotContain(deelnemer);
            assertThat(e.categorieCodes()).isEqualTo("identificatie,leefgebieden");
            assertThat(e.reden()).isEqualTo("toestemming:" + registered.id());
            assertThat(e.toString()).doesNotContain(deelnemer);
        });
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void revocationTakesEffectAtOnceAndKeepsItsFirstMoment(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring v = f.registry.register(registratie(deelnemer), "hvht");
        Instant revokedAt = T0.plus(Duration.ofHours(2));
        f.clock.now.set(revokedAt);

        Verklaring revoked = f.registry.revoke(v.id(), "hvht");
        f.clock.now.set(revokedAt.plus(Duration.ofHours(1)));
        Verklaring again = f.registry.revoke(v.id(), "hvht");

        assertThat(revoked.ingetrokkenOp()).isEqualTo(revokedAt);
        assertThat(again.ingetrokkenOp()).isEqualTo(revokedAt);
        assertThat(f.consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE)), revokedAt))
                .isEqualTo(ConsentDecision.denied(DenialReason.REVOKED));
        assertThat(f.consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE)), revokedAt.minusMillis(1)))
                .isEqualTo(ConsentDecision.allowedBy(v.id()));
        assertThat(f.audit.events).extracting(AuditEvent::step, AuditEvent::uitkomst, AuditEvent::reden).containsExactly(
                tuple(AuditStep.CONSENT_REGISTERED, "OK", "toestemming:" + v.id()),
                tuple(AuditStep.CONSENT_REVOKED, "OK", "toestemming:" + v.id()),
                tuple(AuditStep.CONSENT_REVOKED, "AL_INGETROKKEN", "toestemming:" + v.id()));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void expiresAtTheEndOfItsPeriod(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring v = f.registry.register(registratie(deelnemer), "hvht");

        assertThat(f.consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE)), TOT.minusMillis(1)))
                .isEqualTo(ConsentDecision.allowedBy(v.id()));
        assertThat(f.consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE)), TOT))
                .isEqualTo(ConsentDecision.denied(DenialReason.EXPIRED));
        assertThat(f.consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE)), VAN.minusMillis(1)))
                .isEqualTo(ConsentDecision.denied(DenialReason.EXPIRED));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void categoryOrRecipientNotCoveredIsDenied(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        f.registry.register(registratie(deelnemer), "hvht");

        assertThat(f.consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE, GEZONDHEID)), T0))
                .isEqualTo(ConsentDecision.denied(DenialReason.CATEGORY_NOT_COVERED));
        assertThat(f.consent.decide(new ConsentQuery(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE), "behandeling"), T0))
                .isEqualTo(ConsentDecision.denied(DenialReason.PURPOSE_NOT_COVERED));
        assertThat(f.consent.decide(query(deelnemer, ZORG, Set.of(IDENTIFICATIE)), T0))
                .isEqualTo(ConsentDecision.denied(DenialReason.NO_CONSENT));
        assertThat(f.consent.decide(query(newParticipant(), GEMEENTE, Set.of(IDENTIFICATIE)), T0))
                .isEqualTo(ConsentDecision.denied(DenialReason.NO_CONSENT));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void consentLogHoldsTheDecisionsWithoutTheParticipantId(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring v = f.registry.register(registratie(deelnemer), "hvht");
        String pseudonym = f.pseudonymizer.pseudonym(deelnemer);
        String berichtId = UUID.randomUUID().toString();

        ConsentDecision allowed = f.consent.decide(query(deelnemer, GEMEENTE, Set.of(LEEFGEBIEDEN, IDENTIFICATIE)), T0);
        f.consentLog.record(berichtId, GEMEENTE, pseudonym, ConsentLog.Phase.INTAKE, allowed,
                Set.of(LEEFGEBIEDEN, IDENTIFICATIE), "nazorg");
        ConsentDecision denied = f.consent.decide(query(deelnemer, ZORG, Set.of(GEZONDHEID)), T0);
        f.consentLog.record(berichtId, ZORG, pseudonym, ConsentLog.Phase.BEZORGING, denied, Set.of(GEZONDHEID), "nazorg");

        List<Map<String, Object>> rows = f.jdbc.queryForList(
                "select * from toestemmingsbesluit where bericht_id = ? order by id", berichtId);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("ontvanger", GEMEENTE).containsEntry("deelnemer_pseudoniem", pseudonym)
                .containsEntry("fase", "INTAKE").containsEntry("uitkomst", "ALLOWED").containsEntry("verklaring_id", v.id())
                .containsEntry("categorieen", "identificatie,leefgebieden").containsEntry("doel", "nazorg");
        assertThat(rows.get(0).get("reden")).isNull();
        assertThat(rows.get(0).get("moment")).isNotNull();
        assertThat(rows.get(1)).containsEntry("ontvanger", ZORG).containsEntry("fase", "BEZORGING")
                .containsEntry("uitkomst", "DENIED").containsEntry("reden", "NO_CONSENT").containsEntry("categorieen", "gezondheid");
        assertThat(rows.get(1).get("verklaring_id")).isNull();
        assertThat(rows).allSatisfy(row -> row.values().forEach(value -> assertThat(String.valueOf(value)).doesNotContain(deelnemer)));
        assertThat(count(f, "select count(*) from toestemmingsbesluit where deelnemer_pseudoniem = ?", pseudonym)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void nothingIsStoredWhenTheAuditRecordFails(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        f.audit.failing = true;

        assertThatThrownBy(() -> f.registry.register(registratie(deelnemer), "hvht")).isInstanceOf(IllegalStateException.class);

        assertThat(count(f, "select count(*) from toestemmingsverklaring where deelnemer_id = ?", deelnemer)).isZero();
        assertThat(f.consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE)), T0).reason())
                .isEqualTo(DenialReason.NO_CONSENT);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void invalidOrUnauthorisedRequestsAreRejectedWithoutStoringAnything(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        var valid = registratie(deelnemer);

        assertRejected(() -> f.registry.register(valid, GEMEENTE), RejectionCode.FORBIDDEN);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie("dln-lower", valid.ontvangers(),
                valid.categorieen(), valid.doelen(), VAN, TOT, null), "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie(deelnemer, Set.of("gemeente-atlantis"),
                valid.categorieen(), valid.doelen(), VAN, TOT, null), "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie(deelnemer, valid.ontvangers(),
                Set.of("identificatie", "bsn"), valid.doelen(), VAN, TOT, null), "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie(deelnemer, valid.ontvangers(),
                valid.categorieen(), Set.of("marketing"), VAN, TOT, null), "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie(deelnemer, valid.ontvangers(),
                valid.categorieen(), Set.of(), VAN, TOT, null), "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie(deelnemer, valid.ontvangers(),
                valid.categorieen(), valid.doelen(), TOT, TOT, null), "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie(deelnemer, valid.ontvangers(),
                valid.categorieen(), valid.doelen(), VAN, TOT, "abc"), "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.revoke(UUID.randomUUID(), "hvht"), RejectionCode.NOT_FOUND);
        assertRejected(() -> f.registry.find(UUID.randomUUID(), "hvht"), RejectionCode.NOT_FOUND);

        Verklaring v = f.registry.register(valid, "hvht");
        assertRejected(() -> f.registry.revoke(v.id(), GEMEENTE), RejectionCode.FORBIDDEN);
        assertRejected(() -> f.registry.find(v.id(), GEMEENTE), RejectionCode.FORBIDDEN);

        assertThat(count(f, "select count(*) from toestemmingsverklaring where deelnemer_id = ?", deelnemer)).isEqualTo(1);
        assertThat(f.registry.find(v.id(), "hvht").ingetrokkenOp()).isNull();
        assertThat(f.audit.events).extracting(AuditEvent::step).containsExactly(AuditStep.CONSENT_REGISTERED);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aFailingCheckIsADenialNotAnException(Database database) {
        DataSource unmigrated = database.create("consent_it_empty");
        JdbcConsentService consent = new JdbcConsentService(new VerklaringStore(new JdbcTemplate(unmigrated)));
        String deelnemer = newParticipant();

        assertThat(consent.decide(query(deelnemer, GEMEENTE, Set.of(IDENTIFICATIE)), T0))
                .isEqualTo(ConsentDecision.denied(DenialReason.CHECK_FAILED));
        assertThat(consent.decide(query(null, GEMEENTE, Set.of(IDENTIFICATIE)), T0).reason())
                .isEqualTo(DenialReason.CHECK_FAILED);
    }

    private static void assertRejected(Runnable call, RejectionCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(code));
    }
}
