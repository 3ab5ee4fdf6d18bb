package nl.hvht.ketenpoort.consent;

import static nl.hvht.ketenpoort.bericht.Categorie.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.Categorie.IDENTIFICATIE;
import static nl.hvht.ketenpoort.bericht.Categorie.LEEFGEBIEDEN;
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
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.BeanUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The consent store against a real PostgreSQL (the engine of production and of the default run), migrated with
 * Flyway from {@code db/migration/common} only.
 */
class ConsentStoreIT {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant VAN = T0.minus(Duration.ofDays(1));
    private static final Instant TOT = T0.plus(Duration.ofDays(365));
    private static final String GEMEENTE = "gemeente-almelo";
    private static final String ZORG = "transfore";
    private static final Set<String> KNOWN = Set.of("hvht", GEMEENTE, ZORG, "reclassering-nederland");
    private static final AtomicInteger PARTICIPANTS = new AtomicInteger();
    private static final ConsentProperties PROPERTIES = new ConsentProperties(Duration.ofSeconds(1), 30, List.of(), Map.of());
    private static final Ontvanger ALMELO = new Ontvanger(GEMEENTE, PartnerSoort.GEMEENTE, Set.of());
    private static final Ontvanger RECLASSERING = new Ontvanger("reclassering-nederland", PartnerSoort.RECLASSERING, Set.of());
    private static final Ontvanger TRANSFORE = new Ontvanger(ZORG, PartnerSoort.ZORGPARTNER, Set.of());

    enum Database {
        POSTGRESQL {
            @Override
            DataSource create(String name) {
                TestPostgres.createDatabase(name);
                return TestPostgres.dataSource(name);
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

        @Override
        public void appendInTransaction(List<AuditEvent> more) {
            more.forEach(this::record);
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
        final VerklaringStore store;
        final JdbcConsentService consent;
        final ConsentLog consentLog;
        final ConsentRegistry registry;

        Fixture(Database database) {
            dataSource = database.migrated();
            jdbc = new JdbcTemplate(dataSource);
            store = new VerklaringStore(jdbc);
            consent = new JdbcConsentService(store);
            consentLog = new ConsentLog(jdbc, clock);
            IntrekkingFence fence = new IntrekkingFence((deelnemer, since) -> false, PROPERTIES, clock);
            registry = new ConsentRegistry(store, partners(), fence, audit, pseudonymizer, clock,
                    new DataSourceTransactionManager(dataSource));
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
                    ? Optional.of(new Partner(id, id, "00000001900000000001", PartnerSoort.GEMEENTE, URI.create("https://" + id), null))
                    : Optional.empty();
        });
        return partners;
    }

    private static String newParticipant() {
        return "DLN-IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-" + PARTICIPANTS.incrementAndGet();
    }

    /** Gemeente Almelo and reclassering get identificatie and leefgebieden, except leefgebieden for reclassering. */
    private static ConsentRegistry.Registratie registratie(String deelnemer) {
        return registratie(deelnemer, Set.of("identificatie", "leefgebieden"), null);
    }

    private static ConsentRegistry.Registratie registratie(String deelnemer, Set<String> categorieen, UUID bron) {
        return new ConsentRegistry.Registratie(deelnemer, List.of(new ConsentRegistry.BepalingInvoer(
                Set.of("partner:" + GEMEENTE, "soort:reclassering"), categorieen, Set.of("nazorg", "toezicht"), null, null,
                List.of(new ConsentRegistry.UitzonderingInvoer(Set.of("soort:reclassering"), Set.of("leefgebieden"), null,
                        null, null)))), VAN, TOT, "AB".repeat(32), bron);
    }

    private static ConsentRegistry.Registratie flat(String deelnemer, Set<String> actors, Set<String> categories,
            Set<String> doelen, Instant van, Instant tot, String hash) {
        return new ConsentRegistry.Registratie(deelnemer, List.of(new ConsentRegistry.BepalingInvoer(actors, categories, doelen,
                null, null, List.of())), van, tot, hash, null);
    }

    private static ConsentVerdict verdict(Fixture f, String deelnemer, Ontvanger recipient, Set<Categorie> categories,
            Instant at) {
        return f.consent.verdicts(deelnemer, List.of(new ConsentRequest(recipient, categories, "nazorg")), at).get(0);
    }

    private static ConsentVerdict.Outcome outcome(Fixture f, String deelnemer, Ontvanger recipient, Categorie category,
            Instant at) {
        return verdict(f, deelnemer, recipient, Set.of(category), at).perCategory().get(category);
    }

    private int count(Fixture f, String sql, Object... args) {
        return f.jdbc.queryForObject(sql, Integer.class, args);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aRegisteredVerklaringReadsBackWithItsProvisionsAndAllowsOnVersion1(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring registered = f.registry.register(registratie(deelnemer), "hvht");

        assertThat(f.registry.find(registered.id(), "hvht")).isEqualTo(registered);
        assertThat(registered.versie()).isEqualTo(1);
        assertThat(registered.bepalingen().get(0).uitzonderingen()).hasSize(1);
        assertThat(outcome(f, deelnemer, ALMELO, LEEFGEBIEDEN, T0))
                .isEqualTo(ConsentVerdict.Outcome.allowed(Set.of(Grondslag.toestemming(registered.id(), 1))));
        assertThat(outcome(f, deelnemer, RECLASSERING, IDENTIFICATIE, T0).allowed()).isTrue();
        assertThat(outcome(f, deelnemer, RECLASSERING, LEEFGEBIEDEN, T0).reason()).isEqualTo(DenialReason.DENIED_BY_EXCEPTION);
        assertThat(f.audit.events).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo(AuditStep.CONSENT_REGISTERED);
            assertThat(e.afzender()).isEqualTo("hvht");
            assertThat(e.deelnemerPseudoniem()).isEqualTo(f.pseudonymizer.pseudonym(deelnemer));
            assertThat(e.toString()).doesNotContain(deelnemer);
        });
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aChangeIsANewVersionAndDecisionsFollowTheVersionInForce(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring v1 = f.registry.register(registratie(deelnemer), "hvht");
        f.clock.now.set(T0.plusSeconds(60));

        Verklaring v2 = f.registry.change(v1.id(), registratie(deelnemer, Set.of("identificatie"), null), "hvht");

        assertThat(v2.id()).isEqualTo(v1.id());
        assertThat(v2.versie()).isEqualTo(2);
        assertThat(f.registry.versions(v1.id(), "hvht")).extracting(Verklaring::versie).containsExactly(1, 2);
        assertThat(outcome(f, deelnemer, ALMELO, LEEFGEBIEDEN, T0).grounds()).containsExactly(Grondslag.toestemming(v1.id(), 1));
        assertThat(outcome(f, deelnemer, ALMELO, LEEFGEBIEDEN, T0.plusSeconds(60)).reason())
                .isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, T0.plusSeconds(60)).grounds())
                .containsExactly(Grondslag.toestemming(v1.id(), 2));
        assertThat(f.audit.events).extracting(AuditEvent::step)
                .containsExactly(AuditStep.CONSENT_REGISTERED, AuditStep.CONSENT_CHANGED);
        assertRejected(() -> f.registry.change(v1.id(), registratie(newParticipant()), "hvht"), RejectionCode.VALIDATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void theVerdictsForSeveralParticipantsInOneReadAreTheVerdictsForEachAlone(Database database) {
        Fixture f = new Fixture(database);
        String first = newParticipant();
        String changed = newParticipant();
        String without = newParticipant();
        f.registry.register(registratie(first), "hvht");
        Verklaring v1 = f.registry.register(registratie(changed), "hvht");
        f.clock.now.set(T0.plusSeconds(60));
        f.registry.change(v1.id(), registratie(changed, Set.of("identificatie"), null), "hvht");
        java.util.Map<String, List<ConsentRequest>> requests = new java.util.LinkedHashMap<>();
        for (String deelnemer : List.of(first, changed, without)) {
            requests.put(deelnemer, List.of(new ConsentRequest(ALMELO, Set.of(LEEFGEBIEDEN, IDENTIFICATIE), "nazorg"),
                    new ConsentRequest(RECLASSERING, Set.of(LEEFGEBIEDEN), "toezicht")));
        }

        var together = f.consent.verdicts(requests, T0.plusSeconds(60));

        assertThat(together.keySet()).containsExactly(first, changed, without);
        requests.forEach((deelnemer, asked) -> assertThat(together.get(deelnemer))
                .isEqualTo(f.consent.verdicts(deelnemer, asked, T0.plusSeconds(60))));
        assertThat(together.get(changed).get(0).perCategory().get(LEEFGEBIEDEN).reason())
                .isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
        assertThat(together.get(first).get(0).perCategory().get(LEEFGEBIEDEN).allowed()).isTrue();
        assertThat(together.get(without).get(0).perCategory().get(IDENTIFICATIE).allowed()).isFalse();
    }

    /**
     * The decision read leaves out versions that can no longer be in force; at every moment that matters (each
     * registration and start, a microsecond either side, and a nanosecond before and fractions after, which the
     * database cannot hold: the driver rounds them, so a nanosecond before a start would count as the start if the
     * read did not truncate) the version in force and the decision are the same as from every version. Random histories with
     * starts in the past and the future, a fixed seed.
     */
    @ParameterizedTest
    @EnumSource(Database.class)
    void theDecisionReadChoosesTheSameVersionInForceAsEveryVersion(Database database) {
        Fixture f = new Fixture(database);
        java.util.Random random = new java.util.Random(20261203);
        Ontvanger[] recipients = {ALMELO, RECLASSERING, TRANSFORE};
        List<String> actors = List.of("partner:" + GEMEENTE, "soort:reclassering", "partner:" + ZORG);
        int readLess = 0;
        for (int n = 0; n < 30; n++) {
            String deelnemer = newParticipant();
            UUID id = UUID.randomUUID();
            List<Instant> moments = new java.util.ArrayList<>();
            Instant registered = T0.minus(Duration.ofHours(10));
            int versions = 1 + random.nextInt(6);
            for (int versie = 1; versie <= versions; versie++) {
                registered = registered.plus(Duration.ofMinutes(1 + random.nextInt(120)));
                Instant van = registered.plus(Duration.ofMinutes(random.nextInt(240) - 180));
                Set<Actor> named = Set.of(Actor.parse(actors.get(random.nextInt(actors.size()))));
                Set<Categorie> categories = Set.of(Categorie.values()[random.nextInt(Categorie.values().length)]);
                f.store.insert(new Verklaring(id, deelnemer, versie, van, van.plus(Duration.ofHours(1 + random.nextInt(48))),
                        List.of(new Bepaling(named, categories, Set.of("nazorg"), null, List.of())), null, registered, "hvht",
                        null), null);
                moments.add(registered);
                moments.add(van);
            }
            List<Verklaring> all = f.store.versionsOfParticipant(deelnemer);
            for (Instant moment : moments) {
                for (Instant t : List.of(moment.minusNanos(1000), moment.minusNanos(1), moment, moment.plusNanos(1),
                        moment.plusNanos(999), moment.plusNanos(1000))) {
                    List<Verklaring> read = f.store.candidatesInForce(Set.of(deelnemer), t).getOrDefault(deelnemer, List.of());
                    assertThat(read).as("with the provisions read before (ProvisionCache), at %s", t)
                            .isEqualTo(new VerklaringStore(f.jdbc).candidatesInForce(Set.of(deelnemer), t)
                                    .getOrDefault(deelnemer, List.of()));
                    assertThat(ConsentRules.inForce(read, t)).as("in force at %s", t)
                            .containsExactlyInAnyOrderElementsOf(ConsentRules.inForce(all, t));
                    for (Ontvanger recipient : recipients) {
                        ConsentRequest request = new ConsentRequest(recipient, Set.of(Categorie.values()), "nazorg");
                        assertThat(ConsentRules.decide(read, request, t)).isEqualTo(ConsentRules.decide(all, request, t));
                    }
                    readLess += all.size() - read.size();
                }
            }
        }
        assertThat(readLess).as("versions left out of the decision read").isPositive();
    }

    /** With every version started, the decision read is the latest version only, however many there are. */
    @ParameterizedTest
    @EnumSource(Database.class)
    void theDecisionReadOfALongHistoryIsItsLatestVersion(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring v = f.registry.register(registratie(deelnemer), "hvht");
        for (int i = 1; i <= 20; i++) {
            f.clock.now.set(T0.plusSeconds(i));
            v = f.registry.change(v.id(), registratie(deelnemer, Set.of("identificatie"), null), "hvht");
        }

        assertThat(f.store.candidatesInForce(Set.of(deelnemer), T0.plusSeconds(30)).get(deelnemer))
                .extracting(Verklaring::versie).containsExactly(21);
        assertThat(f.store.candidatesInForce(Set.of(deelnemer), T0.plusMillis(10_500)).get(deelnemer))
                .extracting(Verklaring::versie).containsExactly(11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aVersionRegisteredByAMessageIsRegisteredOnce(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        UUID bericht = UUID.randomUUID();
        Verklaring first = f.registry.register(registratie(deelnemer, Set.of("identificatie"), bericht), "hvht");
        Verklaring again = f.registry.register(registratie(deelnemer, Set.of("identificatie"), bericht), "hvht");

        assertThat(again).isEqualTo(first);
        assertThat(count(f, "select count(*) from toestemmingsverklaring where deelnemer_id = ?", deelnemer)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void revocationTakesEffectAtOnceKeepsItsFirstMomentAndEndsChanges(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring v = f.registry.register(registratie(deelnemer), "hvht");
        Instant revokedAt = T0.plusSeconds(30);
        f.clock.now.set(revokedAt);

        assertThat(f.registry.revoke(v.id(), "hvht").ingetrokkenOp()).isEqualTo(revokedAt);
        f.clock.now.set(revokedAt.plusSeconds(30));
        assertThat(f.registry.revoke(v.id(), "hvht").ingetrokkenOp()).isEqualTo(revokedAt);

        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, revokedAt).reason()).isEqualTo(DenialReason.REVOKED);
        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, revokedAt.minusMillis(1)).allowed()).isTrue();
        assertRejected(() -> f.registry.change(v.id(), registratie(deelnemer), "hvht"), RejectionCode.VERKLARING_INGETROKKEN);
        assertRejected(() -> f.registry.revoke(v.id(), "hvht", newParticipant()), RejectionCode.NOT_FOUND);
        assertThat(f.audit.events).extracting(AuditEvent::step, AuditEvent::uitkomst).containsExactly(
                tuple(AuditStep.CONSENT_REGISTERED, "OK"), tuple(AuditStep.CONSENT_REVOKED, "OK"),
                tuple(AuditStep.CONSENT_REVOKED, "AL_INGETROKKEN"));
    }

    /** The provisions a check read before are kept; the revocation and the version in force are read every time. */
    @ParameterizedTest
    @EnumSource(Database.class)
    void aRevocationOrChangeAfterAnEarlierCheckTakesEffectAtOnce(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring v = f.registry.register(registratie(deelnemer), "hvht");
        String other = newParticipant();
        Verklaring w = f.registry.register(registratie(other), "hvht");
        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, T0.plusSeconds(1)).allowed()).isTrue();
        assertThat(outcome(f, other, ALMELO, LEEFGEBIEDEN, T0.plusSeconds(1)).allowed()).isTrue();

        f.clock.now.set(T0.plusSeconds(10));
        f.registry.revoke(v.id(), "hvht");
        f.registry.change(w.id(), registratie(other, Set.of("identificatie"), null), "hvht");

        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, T0.plusSeconds(11)).reason()).isEqualTo(DenialReason.REVOKED);
        assertThat(outcome(f, other, ALMELO, LEEFGEBIEDEN, T0.plusSeconds(11)).allowed()).isFalse();
        assertThat(outcome(f, other, ALMELO, IDENTIFICATIE, T0.plusSeconds(11)).allowed()).isTrue();
        assertThat(outcome(f, other, ALMELO, LEEFGEBIEDEN, T0.plusSeconds(9)).allowed()).as("version 1 before the change").isTrue();
    }

    /**
     * A version written anew under the same verklaring and number (here: its rows removed and written again, as after
     * a restore from a backup) is read anew, never taken for the one read before.
     */
    @ParameterizedTest
    @EnumSource(Database.class)
    void aVersionWrittenAnewUnderTheSameNumberIsReadAnew(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        UUID id = UUID.randomUUID();
        f.store.insert(versionOne(id, deelnemer, IDENTIFICATIE), null);
        assertThat(f.store.candidatesInForce(Set.of(deelnemer), T0).get(deelnemer).get(0).bepalingen().get(0).categorieen())
                .containsExactly(IDENTIFICATIE);

        for (String table : List.of("toestemming_bepaling_waarde", "toestemming_bepaling", "toestemmingsversie")) {
            f.jdbc.update("delete from " + table + " where verklaring_id = ?", id);
        }
        f.jdbc.update("delete from toestemmingsverklaring where id = ?", id);
        f.store.insert(versionOne(id, deelnemer, LEEFGEBIEDEN), null);

        assertThat(f.store.candidatesInForce(Set.of(deelnemer), T0).get(deelnemer).get(0).bepalingen().get(0).categorieen())
                .containsExactly(LEEFGEBIEDEN);
    }

    /** Version 1 of a verklaring that gives the gemeente one category for nazorg, in force from a minute before T0. */
    private static Verklaring versionOne(UUID id, String deelnemer, Categorie category) {
        Instant van = T0.minusSeconds(60);
        return new Verklaring(id, deelnemer, 1, van, van.plus(Duration.ofDays(1)), List.of(new Bepaling(
                Set.of(Actor.parse("partner:" + GEMEENTE)), Set.of(category), Set.of("nazorg"), null, List.of())),
                null, van, "hvht", null);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void expiresAtTheEndOfItsPeriod(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        f.registry.register(registratie(deelnemer), "hvht");

        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, TOT.minusMillis(1)).allowed()).isTrue();
        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, TOT).reason()).isEqualTo(DenialReason.EXPIRED);
        // Before it was registered it did not exist; registered now for a period that starts later, it has not started.
        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, T0.minusMillis(1)).reason()).isEqualTo(DenialReason.NO_CONSENT);
        String later = newParticipant();
        f.registry.register(flat(later, Set.of("soort:gemeente"), Set.of("identificatie"), Set.of("nazorg"), T0.plusSeconds(60),
                TOT, null), "hvht");
        assertThat(outcome(f, later, ALMELO, IDENTIFICATIE, T0).reason()).isEqualTo(DenialReason.EXPIRED);
        assertThat(outcome(f, later, ALMELO, IDENTIFICATIE, T0.plusSeconds(60)).allowed()).isTrue();
        assertThat(outcome(f, deelnemer, TRANSFORE, IDENTIFICATIE, T0).reason()).isEqualTo(DenialReason.NO_CONSENT);
        assertThat(outcome(f, newParticipant(), ALMELO, IDENTIFICATIE, T0).reason()).isEqualTo(DenialReason.NO_CONSENT);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void consentLogHoldsTheDecisionsWithTheirGroundsWithoutTheParticipantId(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Verklaring v = f.registry.register(registratie(deelnemer), "hvht");
        String pseudonym = f.pseudonymizer.pseudonym(deelnemer);
        String berichtId = UUID.randomUUID().toString();

        f.consentLog.recordAll(List.of(f.consentLog.entry(berichtId, GEMEENTE, pseudonym, ConsentLog.Phase.INTAKE,
                ConsentDecision.allowed(Set.of(v.grond()), Set.of(GEZONDHEID)), Set.of(LEEFGEBIEDEN, IDENTIFICATIE, GEZONDHEID),
                "nazorg"), f.consentLog.entry(berichtId, ZORG, pseudonym, ConsentLog.Phase.BEZORGING,
                ConsentDecision.denied(DenialReason.NO_CONSENT), Set.of(GEZONDHEID), "nazorg")));

        List<Map<String, Object>> rows = f.jdbc.queryForList(
                "select * from toestemmingsbesluit where bericht_id = ? order by id", berichtId);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("ontvanger", GEMEENTE).containsEntry("deelnemer_pseudoniem", pseudonym)
                .containsEntry("fase", "INTAKE").containsEntry("uitkomst", "ALLOWED").containsEntry("verklaring_id", v.id())
                .containsEntry("verklaring_versie", 1).containsEntry("grondslag", "toestemming:" + v.id() + "@v1")
                .containsEntry("ingehouden", "gezondheid")
                .containsEntry("categorieen", "gezondheid,identificatie,leefgebieden").containsEntry("doel", "nazorg");
        assertThat(rows.get(0).get("reden")).isNull();
        assertThat(rows.get(1)).containsEntry("ontvanger", ZORG).containsEntry("fase", "BEZORGING")
                .containsEntry("uitkomst", "DENIED").containsEntry("reden", "NO_CONSENT").containsEntry("categorieen", "gezondheid");
        assertThat(rows.get(1).get("verklaring_id")).isNull();
        assertThat(rows).allSatisfy(row -> row.values().forEach(value -> assertThat(String.valueOf(value)).doesNotContain(deelnemer)));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void nothingIsStoredWhenTheAuditRecordFails(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        f.audit.failing = true;

        assertThatThrownBy(() -> f.registry.register(registratie(deelnemer), "hvht")).isInstanceOf(IllegalStateException.class);

        assertThat(count(f, "select count(*) from toestemmingsverklaring where deelnemer_id = ?", deelnemer)).isZero();
        assertThat(count(f, "select count(*) from toestemmingsversie s join toestemmingsverklaring v on v.id = s.verklaring_id"
                + " where v.deelnemer_id = ?", deelnemer)).isZero();
        assertThat(outcome(f, deelnemer, ALMELO, IDENTIFICATIE, T0).reason()).isEqualTo(DenialReason.NO_CONSENT);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void invalidOrUnauthorisedRequestsAreRejectedWithoutStoringAnything(Database database) {
        Fixture f = new Fixture(database);
        String deelnemer = newParticipant();
        Set<String> actors = Set.of("partner:" + GEMEENTE);
        Set<String> categories = Set.of("identificatie");
        Set<String> doelen = Set.of("nazorg");

        assertRejected(() -> f.registry.register(registratie(deelnemer), GEMEENTE), RejectionCode.FORBIDDEN);
        assertRejected(() -> f.registry.register(flat("dln-lower", actors, categories, doelen, VAN, TOT, null), "hvht"),
                RejectionCode.VALIDATION_FAILED);
        for (String actor : List.of("partner:gemeente-atlantis", "rol:buurman", "soort:bank", "iedereen")) {
            assertRejected(() -> f.registry.register(flat(deelnemer, Set.of(actor), categories, doelen, VAN, TOT, null), "hvht"),
                    RejectionCode.VALIDATION_FAILED);
        }
        assertRejected(() -> f.registry.register(flat(deelnemer, actors, Set.of("identificatie", "bsn"), doelen, VAN, TOT, null),
                "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(flat(deelnemer, actors, categories, Set.of("marketing"), VAN, TOT, null),
                "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(flat(deelnemer, actors, categories, Set.of(), VAN, TOT, null), "hvht"),
                RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(flat(deelnemer, actors, categories, doelen, TOT, TOT, null), "hvht"),
                RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(flat(deelnemer, actors, categories, doelen, VAN, TOT, "abc"), "hvht"),
                RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie(deelnemer, List.of(), VAN, TOT, null, null),
                "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.register(new ConsentRegistry.Registratie(deelnemer, List.of(
                new ConsentRegistry.BepalingInvoer(actors, categories, doelen, TOT, null, List.of())), VAN, TOT, null, null),
                "hvht"), RejectionCode.VALIDATION_FAILED);
        assertRejected(() -> f.registry.revoke(UUID.randomUUID(), "hvht"), RejectionCode.NOT_FOUND);
        assertRejected(() -> f.registry.find(UUID.randomUUID(), "hvht"), RejectionCode.NOT_FOUND);
        assertRejected(() -> f.registry.change(UUID.randomUUID(), registratie(deelnemer), "hvht"), RejectionCode.NOT_FOUND);

        Verklaring v = f.registry.register(registratie(deelnemer), "hvht");
        assertRejected(() -> f.registry.revoke(v.id(), GEMEENTE), RejectionCode.FORBIDDEN);
        assertRejected(() -> f.registry.find(v.id(), GEMEENTE), RejectionCode.FORBIDDEN);

        assertThat(count(f, "select count(*) from toestemmingsverklaring where deelnemer_id = ?", deelnemer)).isEqualTo(1);
        assertThat(f.registry.find(v.id(), "hvht").ingetrokkenOp()).isNull();
        assertThat(f.audit.events).extracting(AuditEvent::step).containsExactly(AuditStep.CONSENT_REGISTERED);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aFailingCheckFailsClosed(Database database) {
        DataSource unmigrated = database.create("consent_it_empty");
        JdbcConsentService consent = new JdbcConsentService(new VerklaringStore(new JdbcTemplate(unmigrated)));
        ConsentRequest request = new ConsentRequest(ALMELO, Set.of(IDENTIFICATIE), "nazorg");

        assertThatThrownBy(() -> consent.verdicts(newParticipant(), List.of(request), T0))
                .isInstanceOf(ConsentCheckFailedException.class);
        assertThatThrownBy(() -> consent.verdicts(null, List.of(request), T0)).isInstanceOf(ConsentCheckFailedException.class);
    }

    /** Verklaringen stored before the provisions (migration V3) become version 1 with one permit (V5). */
    @ParameterizedTest
    @EnumSource(Database.class)
    void verklaringenOfTheFirstModelAreMigratedToVersion1WithOnePermit(Database database) {
        DataSource ds = database.create("consent_it_v3_" + database.name().toLowerCase(java.util.Locale.ROOT));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common").target("4").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        UUID id = UUID.randomUUID();
        jdbc.update("insert into toestemmingsverklaring (id, deelnemer_id, versie, geldig_van, geldig_tot, ingetrokken_op,"
                + " geregistreerd_op, geregistreerd_door, bewijs_hash) values (?, 'DLN-OLD-1', 1, ?, ?, null, ?, 'hvht', ?)", id,
                VerklaringStore.utc(VAN), VerklaringStore.utc(TOT), VerklaringStore.utc(VAN), "ab".repeat(32));
        jdbc.update("insert into toestemming_ontvanger values (?, ?)", id, GEMEENTE);
        jdbc.update("insert into toestemming_categorie values (?, 'identificatie')", id);
        jdbc.update("insert into toestemming_doel values (?, 'nazorg')", id);

        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common").load().migrate();

        Verklaring migrated = new VerklaringStore(jdbc).latest(id).orElseThrow();
        assertThat(migrated.versie()).isEqualTo(1);
        assertThat(migrated.periode()).isEqualTo(new Periode(VAN, TOT));
        assertThat(migrated.bewijsHash()).isEqualTo("ab".repeat(32));
        assertThat(migrated.bepalingen()).containsExactly(new Bepaling(Set.of(Actor.partner(GEMEENTE)), Set.of(IDENTIFICATIE),
                Set.of("nazorg"), null, List.of()));
    }

    private static void assertRejected(Runnable call, RejectionCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(code));
    }
}
