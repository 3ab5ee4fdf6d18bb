package nl.hvht.ketenpoort.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.consent.ConsentVerdict.Outcome;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Property-based tests of {@link ConsentRules#decide}: against the separately written {@link ReferenceConsentModel}
 * (the README's "The decision" and "Which consent applies"), plus properties that follow from them on their own (deny
 * monotonicity, revocation, version cut-off at t, a version not yet started, grounds in force). Random participants
 * with 1-4 verklaringen of 1-3 versions on a small hour grid, so that boundaries (t exactly at a registration, period
 * start/end or revocation) are hit often; coverage checks make sure every outcome really occurs, so no property passes vacuously.
 */
class ConsentRulesPropertiesTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final int GRID_HOURS = 12;
    private static final List<Actor> ACTORS = List.of(
            Actor.parse("partner:gemeente-almelo"), Actor.parse("partner:transfore"), Actor.parse("soort:gemeente"),
            Actor.parse("soort:zorgpartner"), Actor.parse("rol:uitstroomgemeente"), Actor.parse("rol:zorgpartner"));
    private static final List<String> ROLES = List.of(
            Actor.ROL_UITSTROOMGEMEENTE, Actor.ROL_ZORGPARTNER, Actor.ROL_RECLASSERING, Actor.ROL_WOONGEMEENTE);
    private static final Map<String, PartnerSoort> RECIPIENTS = Map.of(
            "gemeente-almelo", PartnerSoort.GEMEENTE, "gemeente-enschede", PartnerSoort.GEMEENTE,
            "transfore", PartnerSoort.ZORGPARTNER, "tactus", PartnerSoort.RECLASSERING);

    /** One question: all versions of one participant's verklaringen, a request, and the moment t. */
    record Scenario(List<Verklaring> versions, ConsentRequest request, Instant t) {

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Scenario[t=").append(h(t)).append(", recipient=")
                    .append(request.recipient()).append(", categories=").append(request.categories())
                    .append(", doel=").append(request.doel());
            for (Verklaring v : versions) {
                s.append("\n  V").append(v.id().getLeastSignificantBits()).append(" v").append(v.versie())
                        .append(" reg=").append(h(v.geregistreerdOp())).append(" geldig=[").append(h(v.geldigVan()))
                        .append(",").append(h(v.geldigTot())).append(") ingetrokken=").append(h(v.ingetrokkenOp()));
                for (Bepaling b : v.bepalingen()) {
                    s.append("\n    permit ").append(b.actoren()).append(" ").append(b.categorieen()).append(" ")
                            .append(b.doelen()).append(" periode=").append(p(b.periode()));
                    for (Uitzondering d : b.uitzonderingen()) {
                        s.append("\n      deny ").append(d.actoren()).append(" ").append(d.categorieen()).append(" ")
                                .append(d.doelen()).append(" periode=").append(p(d.periode()));
                    }
                }
            }
            return s.append("]").toString();
        }

        private static String p(Periode periode) {
            return periode == null ? "-" : "[" + h(periode.van()) + "," + h(periode.tot()) + ")";
        }

        private static String h(Instant i) {
            return i == null ? "-" : "h" + Duration.between(T0, i).toSeconds() / 3600.0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Properties

    @Property(tries = 2000, shrinking = ShrinkingMode.FULL, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void decideEqualsTheReferenceModel(@ForAll("scenarios") Scenario s) {
        ConsentVerdict actual = ConsentRules.decide(s.versions(), s.request(), s.t());
        ConsentVerdict expected = ReferenceConsentModel.decide(s.versions(), s.request(), s.t());

        assertThat(actual.base()).as("base").isEqualTo(expected.base());
        assertThat(actual.perCategory()).as("per category").isEqualTo(expected.perCategory());

        for (Outcome o : actual.perCategory().values()) {
            Statistics.label("category").collect(label(o));
        }
        Statistics.label("base").collect(label(actual.base()));
        for (Verklaring v : ReferenceConsentModel.effectiveVersions(s.versions(), s.t())) {
            Statistics.label("revocation").collect(v.ingetrokkenOp() == null ? "none"
                    : v.ingetrokkenOp().isBefore(s.t()) ? "before t" : v.ingetrokkenOp().equals(s.t()) ? "at t" : "after t");
        }
        for (Verklaring v : ReferenceConsentModel.effectiveVersions(s.versions(), s.t())) {
            int highest = s.versions().stream().filter(x -> x.id().equals(v.id()) && !x.geregistreerdOp().isAfter(s.t()))
                    .mapToInt(Verklaring::versie).max().orElseThrow();
            Statistics.label("version in force").collect(v.geldigVan().isAfter(s.t()) ? "none started"
                    : v.versie() == highest ? "latest registered" : "earlier, a later one not started");
        }
        Statistics.label("t on a boundary").collect(boundaries(s.versions()).contains(s.t()));
        Statistics.label("request").collect(s.request().categories().isEmpty() ? "no categories" : "categories");
        Statistics.label("doel").collect(s.request().doel() == null ? "null"
                : Verklaring.DOELEN.contains(s.request().doel()) ? "known" : "unknown");

        Statistics.label("category").coverage(c -> {
            c.check("allowed").count(n -> n >= 20);
            for (DenialReason r : DenialReason.values()) {
                if (r != DenialReason.CHECK_FAILED) {
                    c.check(r.name()).count(n -> n >= 20);
                }
            }
        });
        Statistics.label("base").coverage(c -> {
            c.check("allowed").count(n -> n >= 20);
            for (DenialReason r : DenialReason.values()) {
                if (r != DenialReason.CHECK_FAILED && r != DenialReason.CATEGORY_NOT_COVERED) {
                    c.check(r.name()).count(n -> n >= 10);
                }
            }
            c.check(DenialReason.CATEGORY_NOT_COVERED.name()).count(n -> n == 0); // the base has no step 4
        });
        Statistics.label("revocation").coverage(c -> {
            for (String r : List.of("none", "before t", "at t", "after t")) {
                c.check(r).count(n -> n >= 20);
            }
        });
        Statistics.label("version in force").coverage(c -> {
            for (String r : List.of("latest registered", "earlier, a later one not started", "none started")) {
                c.check(r).count(n -> n >= 20);
            }
        });
        Statistics.label("t on a boundary").coverage(c -> {
            c.check(true).count(n -> n >= 100);
            c.check(false).count(n -> n >= 100);
        });
        Statistics.label("request").coverage(c -> c.check("no categories").count(n -> n >= 50));
        Statistics.label("doel").coverage(c -> {
            c.check("null").count(n -> n >= 20);
            c.check("unknown").count(n -> n >= 50);
        });
    }

    /** Adding a deny (any dimensions) to any permit of any version never turns a denied outcome into allowed. */
    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void addingADenyNeverAllowsMore(@ForAll("scenarios") Scenario s, @ForAll("addedDenies") Uitzondering deny,
            @ForAll @IntRange(min = 0, max = 99) int pick) {
        ConsentVerdict before = ConsentRules.decide(s.versions(), s.request(), s.t());
        List<Verklaring> changed = withDenyAdded(s.versions(), deny, pick, before, s.t());
        ConsentVerdict after = ConsentRules.decide(changed, s.request(), s.t());

        assertThat(!after.base().allowed() || before.base().allowed()).as("base").isTrue();
        if (after.base().allowed()) {
            assertThat(after.base().grounds()).isEqualTo(before.base().grounds());
        }
        for (Categorie c : s.request().categories()) {
            Outcome b = before.perCategory().get(c);
            Outcome a = after.perCategory().get(c);
            assertThat(!a.allowed() || b.allowed()).as(c.name()).isTrue();
            // An outcome that stays allowed keeps exactly its grounds: a deny takes away, it never adds.
            if (a.allowed()) {
                assertThat(a.grounds()).isEqualTo(b.grounds());
            }
            Statistics.label("effect").collect(b.allowed() == a.allowed() ? "unchanged"
                    : a.reason() == DenialReason.DENIED_BY_EXCEPTION ? "allowed->denied" : "other");
        }
        Statistics.label("effect").coverage(c -> {
            c.check("allowed->denied").count(n -> n >= 20);
            c.check("other").count(n -> n == 0); // a deny can only produce DENIED_BY_EXCEPTION
        });
    }

    /**
     * Revoking every verklaring at or before t (per verklaring a moment t - k hours, k in 0..3, k = 0 is exactly
     * t, the same on all its versions) denies every category and the base, all with the same reason: NO_CONSENT
     * if no version in force at t has a permit naming the recipient (revocation does not make a verklaring name
     * anyone; step 1 comes first), REVOKED otherwise. Never EXPIRED, even where periods have ended too.
     */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void revokingEverythingAtOrBeforeTDeniesEverything(@ForAll("scenarios") Scenario s,
            @ForAll @Size(4) List<@IntRange(min = 0, max = 3) Integer> hoursBack) {
        List<UUID> ids = s.versions().stream().map(Verklaring::id).distinct().toList();
        List<Verklaring> revoked = s.versions().stream()
                .map(v -> withRevocation(v, s.t().minus(Duration.ofHours(hoursBack.get(ids.indexOf(v.id()))))))
                .toList();
        ConsentVerdict verdict = ConsentRules.decide(revoked, s.request(), s.t());

        boolean named = ReferenceConsentModel.effectiveVersions(s.versions(), s.t()).stream()
                .flatMap(v -> v.bepalingen().stream())
                .anyMatch(b -> b.actoren().stream().anyMatch(a -> a.matches(s.request().recipient())));
        DenialReason expected = named ? DenialReason.REVOKED : DenialReason.NO_CONSENT;
        assertThat(verdict.base()).isEqualTo(Outcome.denied(expected));
        for (Outcome o : verdict.perCategory().values()) {
            assertThat(o).isEqualTo(Outcome.denied(expected));
        }
        Statistics.label("reason").collect(expected);
        Statistics.label("reason").coverage(c -> {
            c.check(DenialReason.REVOKED).count(n -> n >= 100);
            c.check(DenialReason.NO_CONSENT).count(n -> n >= 100);
        });
    }

    /** Versions registered after t do not count: removing them changes nothing. */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void versionsRegisteredAfterTDoNotCount(@ForAll("scenarios") Scenario s) {
        List<Verklaring> upToT = s.versions().stream().filter(v -> !v.geregistreerdOp().isAfter(s.t())).toList();

        assertThat(ConsentRules.decide(upToT, s.request(), s.t()))
                .isEqualTo(ConsentRules.decide(s.versions(), s.request(), s.t()));
        Statistics.label("later versions removed").collect(upToT.size() < s.versions().size());
        Statistics.label("later versions removed").coverage(c -> c.check(true).count(n -> n >= 100));
    }

    /**
     * A version registered at or before t whose start is after t does not count while another version of its
     * verklaring has started: removing such versions changes nothing (the one before stays in force until the start).
     */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void aVersionNotStartedYetLeavesTheOneBeforeInForce(@ForAll("scenarios") Scenario s) {
        List<Verklaring> withoutPending = s.versions().stream().filter(v -> !pending(v, s.versions(), s.t())).toList();

        assertThat(ConsentRules.decide(withoutPending, s.request(), s.t()))
                .isEqualTo(ConsentRules.decide(s.versions(), s.request(), s.t()));
        Statistics.label("pending versions removed").collect(withoutPending.size() < s.versions().size());
        Statistics.label("pending versions removed").coverage(c -> c.check(true).count(n -> n >= 50));
    }

    /** Registered by t, not started at t, while another version of the same verklaring registered by t has started. */
    private static boolean pending(Verklaring v, List<Verklaring> all, Instant t) {
        return !v.geregistreerdOp().isAfter(t) && v.geldigVan().isAfter(t) && all.stream().anyMatch(x -> x.id().equals(v.id())
                && !x.geregistreerdOp().isAfter(t) && !x.geldigVan().isAfter(t));
    }

    /**
     * Every ground of an allowed outcome names a version that is in force at t (registered and started at or before
     * t, and no higher version of that verklaring is), not revoked at t, whose period contains t; and allowed outcomes
     * always have at least one ground.
     */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void groundsNameVersionsInForceAndNotRevoked(@ForAll("scenarios") Scenario s) {
        ConsentVerdict verdict = ConsentRules.decide(s.versions(), s.request(), s.t());
        List<Outcome> outcomes = new ArrayList<>(verdict.perCategory().values());
        outcomes.add(verdict.base());
        for (Outcome o : outcomes) {
            if (!o.allowed()) {
                continue;
            }
            assertThat(o.grounds()).isNotEmpty();
            for (Grondslag g : o.grounds()) {
                assertThat(g.soort()).isEqualTo(Grondslag.Soort.TOESTEMMING);
                Verklaring v = s.versions().stream()
                        .filter(x -> x.id().equals(g.id()) && x.versie() == g.versie()).findFirst().orElseThrow();
                assertThat(v.geregistreerdOp()).isBeforeOrEqualTo(s.t());
                assertThat(s.versions()).noneMatch(x -> x.id().equals(v.id()) && x.versie() > v.versie()
                        && !x.geregistreerdOp().isAfter(s.t()) && !x.geldigVan().isAfter(s.t()));
                assertThat(v.ingetrokkenOp() == null || v.ingetrokkenOp().isAfter(s.t())).isTrue();
                assertThat(v.geldigVan()).isBeforeOrEqualTo(s.t());
                assertThat(v.geldigTot()).isAfter(s.t());
            }
            Statistics.label("allowed").collect(o.grounds().size());
        }
        Statistics.label("allowed").coverage(c -> c.checkQuery(q -> true).count(n -> n >= 50));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Generators

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Verklaring>> participant = verklaring().list().ofMinSize(1).ofMaxSize(4).withSizeDistribution(RandomDistribution.uniform()).map(drafts -> {
            List<Verklaring> all = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                all.addAll(drafts.get(i).versions(new UUID(0x5eed, i + 1)));
            }
            return all;
        });
        Arbitrary<Set<Categorie>> categories = Arbitraries.of(Categorie.class).set().ofMaxSize(4);
        Arbitrary<String> doel = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(Verklaring.DOELEN)),
                Tuple.of(1, Arbitraries.just("onbekend-doel"))).injectNull(0.05);
        return Combinators.combine(participant, recipient(), categories, doel)
                .as((versions, recipient, cats, d) -> Tuple.of(versions, new ConsentRequest(recipient, cats, d)))
                .flatMap(pair -> moment(pair.get1()).map(t -> new Scenario(pair.get1(), pair.get2(), t)));
    }

    @Provide
    Arbitrary<Uitzondering> denies() {
        return Combinators.combine(
                        oftenEmpty(ACTOR.set().ofMinSize(1).ofMaxSize(2)),
                        oftenEmpty(Arbitraries.of(Categorie.class).set().ofMinSize(1).ofMaxSize(2)),
                        oftenEmpty(Arbitraries.of(Verklaring.DOELEN).set().ofMinSize(1).ofMaxSize(2)),
                        periode().injectNull(0.6))
                .as(Uitzondering::new);
    }

    /** An empty deny dimension ("as the permit") half of the time. */
    private static <T> Arbitrary<Set<T>> oftenEmpty(Arbitrary<Set<T>> nonEmpty) {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Set.of())), Tuple.of(1, nonEmpty));
    }

    private static Instant hour(int h) {
        return T0.plus(Duration.ofHours(h));
    }

    /** Random denies, and as often the broadest one (every dimension empty: "all the permit gives"). */
    @Provide
    Arbitrary<Uitzondering> addedDenies() {
        return Arbitraries.frequencyOf(Tuple.of(1, denies()),
                Tuple.of(1, Arbitraries.just(new Uitzondering(Set.of(), Set.of(), Set.of(), null))));
    }

    private static final Arbitrary<Actor> ACTOR = Arbitraries.of(ACTORS);

    /** One verklaring: 1-3 versions, one revocation moment shared by all of them. */
    private record Draft(List<VersionDraft> versionDrafts, Instant ingetrokkenOp) {

        List<Verklaring> versions(UUID id) {
            List<Verklaring> list = new ArrayList<>();
            for (int i = 0; i < versionDrafts.size(); i++) {
                VersionDraft d = versionDrafts.get(i);
                list.add(new Verklaring(id, "deelnemer-prop", i + 1, d.periode().van(), d.periode().tot(), d.bepalingen(),
                        ingetrokkenOp, d.geregistreerdOp(), "hvht", null));
            }
            return list;
        }
    }

    private record VersionDraft(Periode periode, List<Bepaling> bepalingen, Instant geregistreerdOp) {
    }

    private Arbitrary<Draft> verklaring() {
        // Mostly registered early and valid long, so that versions are often in force and live at t (else nearly
        // every outcome would be NO_CONSENT or EXPIRED); sometimes anywhere on the grid.
        Arbitrary<Instant> registered = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 4).map(ConsentRulesPropertiesTest::hour)),
                Tuple.of(1, gridPoint()));
        Arbitrary<Periode> versionPeriod = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(8, 13))
                        .as((van, tot) -> new Periode(hour(van), hour(tot)))),
                Tuple.of(1, periode()));
        Arbitrary<VersionDraft> version = Combinators.combine(versionPeriod, bepaling().list().ofMinSize(1).ofMaxSize(3).withSizeDistribution(RandomDistribution.uniform()),
                registered).as(VersionDraft::new);
        return Combinators.combine(version.list().ofMinSize(1).ofMaxSize(3).withSizeDistribution(RandomDistribution.uniform()),
                        gridPoint().injectNull(0.5))
                .as(Draft::new);
    }

    private Arbitrary<Bepaling> bepaling() {
        return Combinators.combine(
                        ACTOR.set().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of(Categorie.class).set().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of(Verklaring.DOELEN).set().ofMinSize(1).ofMaxSize(3),
                        periode().injectNull(0.7),
                        denies().list().ofMaxSize(2))
                .as(Bepaling::new);
    }

    private Arbitrary<Ontvanger> recipient() {
        // tactus (reclassering) is named only through a role here: the usual NO_CONSENT case, so less often
        Arbitrary<String> ids = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("gemeente-almelo")),
                Tuple.of(2, Arbitraries.just("gemeente-enschede")), Tuple.of(3, Arbitraries.just("transfore")),
                Tuple.of(1, Arbitraries.just("tactus")));
        return Combinators.combine(ids, Arbitraries.of(ROLES).set().ofMaxSize(2))
                .as((id, roles) -> new Ontvanger(id, RECIPIENTS.get(id), roles));
    }

    /** Whole hours 0..GRID_HOURS: coarse on purpose, so that moments coincide often. */
    private Arbitrary<Instant> gridPoint() {
        return Arbitraries.integers().between(0, GRID_HOURS).map(h -> T0.plus(Duration.ofHours(h)));
    }

    private Arbitrary<Periode> periode() {
        return Combinators.combine(Arbitraries.integers().between(0, GRID_HOURS - 1),
                        Arbitraries.integers().between(1, GRID_HOURS))
                .as((a, len) -> new Periode(T0.plus(Duration.ofHours(a)), T0.plus(Duration.ofHours(Math.min(a + len, GRID_HOURS + 1)))));
    }

    /** t: mostly exactly on, or a second either side of, a moment the verklaringen name; sometimes anywhere. */
    private Arbitrary<Instant> moment(List<Verklaring> versions) {
        List<Instant> boundaries = new ArrayList<>(boundaries(versions));
        Arbitrary<Instant> onBoundary = Arbitraries.of(boundaries);
        return Arbitraries.frequencyOf(
                Tuple.of(5, onBoundary),
                Tuple.of(1, onBoundary.map(i -> i.minusSeconds(1))),
                Tuple.of(1, onBoundary.map(i -> i.plusSeconds(1))),
                Tuple.of(2, Arbitraries.integers().between(-60, (GRID_HOURS + 1) * 60)
                        .map(m -> T0.plus(Duration.ofMinutes(m)))));
    }

    private static Set<Instant> boundaries(List<Verklaring> versions) {
        Set<Instant> b = new HashSet<>();
        for (Verklaring v : versions) {
            b.add(v.geregistreerdOp());
            b.add(v.geldigVan());
            b.add(v.geldigTot());
            if (v.ingetrokkenOp() != null) {
                b.add(v.ingetrokkenOp());
            }
            for (Bepaling p : v.bepalingen()) {
                addPeriod(b, p.periode());
                p.uitzonderingen().forEach(d -> addPeriod(b, d.periode()));
            }
        }
        return b;
    }

    private static void addPeriod(Set<Instant> b, Periode p) {
        if (p != null) {
            b.add(p.van());
            b.add(p.tot());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private static String label(Outcome o) {
        return o.allowed() ? "allowed" : o.reason().name();
    }

    /**
     * Adds {@code deny} to one permit of one version, chosen by {@code pick}: for pick < 60 among the versions that
     * are grounds of an allowed outcome (where a deny can take something away), for pick < 85 among the versions
     * in force at t, else among all versions (a version not in force must not matter). Falls back to all versions
     * when the narrower choice is empty.
     */
    private static List<Verklaring> withDenyAdded(List<Verklaring> versions, Uitzondering deny, int pick,
            ConsentVerdict before, Instant t) {
        Set<Grondslag> grounds = new HashSet<>(before.base().grounds());
        before.perCategory().values().forEach(o -> grounds.addAll(o.grounds()));
        List<Verklaring> inForce = ReferenceConsentModel.effectiveVersions(versions, t);
        List<int[]> positions = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            Verklaring v = versions.get(i);
            boolean eligible = pick < 60 ? grounds.contains(Grondslag.toestemming(v.id(), v.versie()))
                    : pick < 85 ? inForce.contains(v) : true;
            for (int j = 0; eligible && j < v.bepalingen().size(); j++) {
                positions.add(new int[] {i, j});
            }
        }
        if (positions.isEmpty()) {
            return withDenyAdded(versions, deny, 99, before, t);
        }
        int[] at = positions.get(pick % positions.size());
        List<Verklaring> result = new ArrayList<>(versions);
        Verklaring v = versions.get(at[0]);
        List<Bepaling> permits = new ArrayList<>(v.bepalingen());
        Bepaling p = permits.get(at[1]);
        List<Uitzondering> denies = new ArrayList<>(p.uitzonderingen());
        denies.add(deny);
        permits.set(at[1], new Bepaling(p.actoren(), p.categorieen(), p.doelen(), p.periode(), denies));
        result.set(at[0], new Verklaring(v.id(), v.deelnemer(), v.versie(), v.geldigVan(), v.geldigTot(), permits,
                v.ingetrokkenOp(), v.geregistreerdOp(), v.geregistreerdDoor(), v.bewijsHash()));
        return result;
    }

    private static Verklaring withRevocation(Verklaring v, Instant ingetrokkenOp) {
        return new Verklaring(v.id(), v.deelnemer(), v.versie(), v.geldigVan(), v.geldigTot(), v.bepalingen(),
                ingetrokkenOp, v.geregistreerdOp(), v.geregistreerdDoor(), v.bewijsHash());
    }
}
