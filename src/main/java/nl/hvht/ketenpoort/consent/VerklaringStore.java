package nl.hvht.ketenpoort.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes toestemmingsverklaringen with their versions and provisions (migrations V3 and V5). A version
 * is written once and never changed; the verklaring row holds the participant, the revocation and the number of
 * the latest version. Data access: {@link JdbcClient} with named parameters; the provision rows of a version are one
 * batch insert each ({@link NamedParameterJdbcTemplate#batchUpdate}, named parameters too: JdbcClient has no batch).
 */
@Component
class VerklaringStore {

    /** The columns both reads select: one row per (version, provision, value). */
    private static final String COLUMNS = """
            select v.id, v.deelnemer_id, v.ingetrokken_op, s.versie, s.geldig_van, s.geldig_tot, s.bewijs_hash,
                   s.geregistreerd_op, s.geregistreerd_door, b.nr, b.ouder_nr, b.soort, b.geldig_van as b_van,
                   b.geldig_tot as b_tot, w.dimensie, w.waarde
              from toestemmingsverklaring v
            """;

    /** The provisions of version {@code s} with their values; provisions without values cannot exist. */
    private static final String PROVISIONS = """
              join toestemming_bepaling b on b.verklaring_id = s.verklaring_id and b.versie = s.versie
              left join toestemming_bepaling_waarde w
                     on w.verklaring_id = b.verklaring_id and w.versie = b.versie and w.nr = b.nr
            """;

    /** Every version. */
    private static final String SELECT = COLUMNS + "  join toestemmingsversie s on s.verklaring_id = v.id\n" + PROVISIONS;

    /**
     * The version rows (no provisions) from the latest one registered and started by {@code :at} on (every version if
     * none has started yet), of the participants {@code :key}, with each row's identity ({@code xmin}, see
     * {@link ProvisionCache}). That version is found from the end of the primary key.
     */
    private static final String CANDIDATES = """
            select v.id, v.deelnemer_id, v.ingetrokken_op, s.versie, s.geldig_van, s.geldig_tot, s.bewijs_hash,
                   s.geregistreerd_op, s.geregistreerd_door, s.xmin::text as rij
              from toestemmingsverklaring v
              left join lateral (select x.versie from toestemmingsversie x
                                  where x.verklaring_id = v.id and x.geregistreerd_op <= :at and x.geldig_van <= :at
                                  order by x.versie desc limit 1) started on true
              join toestemmingsversie s on s.verklaring_id = v.id and s.versie >= coalesce(started.versie, 1)
             where v.deelnemer_id = any(:key)
             order by s.versie
            """;

    /** The provisions with their values of the versions {@code (:ids[i], :versies[i])}. */
    private static final String PROVISIONS_OF = """
            select b.verklaring_id, b.versie, b.nr, b.ouder_nr, b.soort, b.geldig_van as b_van, b.geldig_tot as b_tot,
                   w.dimensie, w.waarde
              from unnest(:ids::uuid[], :versies::int[]) k(id, versie)
              join toestemming_bepaling b on b.verklaring_id = k.id and b.versie = k.versie
              left join toestemming_bepaling_waarde w
                     on w.verklaring_id = b.verklaring_id and w.versie = b.versie and w.nr = b.nr
             order by b.verklaring_id, b.versie, b.nr
            """;

    /** How many versions' provisions {@link #candidatesInForce} keeps (about a kilobyte each). */
    static final int CACHED_VERSIONS = 20_000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ProvisionCache provisions = new ProvisionCache(CACHED_VERSIONS);

    VerklaringStore(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batch = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Every version of every verklaring of this participant (revoked and expired ones too). */
    List<Verklaring> versionsOfParticipant(String deelnemer) {
        return read(SELECT + " where v.deelnemer_id = :key", deelnemer);
    }

    /**
     * The versions of these participants' verklaringen that can be in force at {@code at}, by participant (one
     * without any verklaring has no entry): one query for the version rows and the verklaring rows they belong to
     * (revocations included), and one for the provisions of those versions not read before ({@link ProvisionCache}:
     * a version's provisions never change). Per verklaring, every version numbered below one that was
     * registered and had started by {@code at} is left out: {@link ConsentRules#inForce} prefers a started version to
     * one not yet started and, of two started ones, the higher, so those never win. {@code ConsentRules} chooses from
     * the rest as from all. The cut-off is {@code at} truncated to the database's microseconds (the driver would round
     * it), so a version left out for having started has started in Java's comparison too. A version without
     * provisions could be the cut-off and is not returned; the registry never writes one (a verklaring has a permit).
     */
    Map<String, List<Verklaring>> candidatesInForce(java.util.Collection<String> deelnemers, Instant at) {
        Map<String, List<Verklaring>> byParticipant = new LinkedHashMap<>();
        if (deelnemers.isEmpty()) {
            return byParticipant;
        }
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("key", new java.util.TreeSet<>(deelnemers).toArray(String[]::new))
                .addValue("at", utc(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        Map<ProvisionCache.Key, VersionRows> versions = new LinkedHashMap<>();
        jdbc.sql(CANDIDATES).paramSource(params).query(rs -> {
            VersionRows version = VersionRows.of(rs);
            versions.put(new ProvisionCache.Key(version.id, version.versie, rs.getString("rij")), version);
        });
        Map<ProvisionCache.Key, List<Bepaling>> known = provisions.known(versions.keySet());
        Map<ProvisionCache.Key, List<Bepaling>> read = provisionsOf(versions.entrySet().stream()
                .filter(v -> !known.containsKey(v.getKey())).toList());
        provisions.addAll(read);
        versions.forEach((key, version) -> {
            List<Bepaling> own = known.containsKey(key) ? known.get(key) : read.getOrDefault(key, List.of());
            if (!own.isEmpty()) { // as the full read, which joins the provisions: a version without any is not read
                byParticipant.computeIfAbsent(version.deelnemer, d -> new java.util.ArrayList<>()).add(version.toVerklaring(own));
            }
        });
        return byParticipant;
    }

    /** The provisions of these versions, read in one query (none for a version that has none). */
    private Map<ProvisionCache.Key, List<Bepaling>> provisionsOf(List<Map.Entry<ProvisionCache.Key, VersionRows>> versions) {
        Map<ProvisionCache.Key, List<Bepaling>> read = new HashMap<>();
        if (versions.isEmpty()) {
            return read;
        }
        // The version rows were read without provisions: they are collected into them here.
        Map<String, Map.Entry<ProvisionCache.Key, VersionRows>> byVersion = new HashMap<>();
        versions.forEach(v -> byVersion.put(v.getKey().id() + "@" + v.getKey().versie(), v));
        jdbc.sql(PROVISIONS_OF)
                .param("ids", versions.stream().map(v -> v.getKey().id()).toArray(UUID[]::new))
                .param("versies", versions.stream().map(v -> v.getKey().versie()).toArray(Integer[]::new))
                .query(rs -> {
                    byVersion.get(rs.getObject("verklaring_id", UUID.class) + "@" + rs.getInt("versie")).getValue().add(rs);
                });
        versions.forEach(v -> read.put(v.getKey(), v.getValue().bepalingen()));
        return read;
    }

    /** Every version of one verklaring, oldest first. */
    List<Verklaring> versionsOf(UUID id) {
        return read(SELECT + " where v.id = :key", id);
    }

    /** The latest version of one verklaring. */
    Optional<Verklaring> latest(UUID id) {
        return versionsOf(id).stream().max(Comparator.comparingInt(Verklaring::versie));
    }

    /**
     * Takes the participant's consent lock exclusively until the transaction ends (a PostgreSQL advisory lock, so it
     * holds for a participant without any verklaring yet and writes no row versions): a revocation, change or new
     * verklaring waits for delivery checks under way and they wait for it (or, in a delivery round that holds outcomes,
     * give up at once: {@link #tryLockParticipantsShared}).
     */
    void lockParticipant(String deelnemer) {
        jdbc.sql("select pg_advisory_xact_lock(" + LOCK_SPACE + ", hashtext(:deelnemer))").param("deelnemer", deelnemer)
                .query().listOfRows();
    }

    /**
     * Takes the consent locks of these participants shared until the transaction ends: delivery checks do not wait
     * for each other, only for a revocation or change (which waits for them). One round trip for a whole batch.
     */
    void lockParticipantsShared(java.util.Collection<String> deelnemers) {
        if (deelnemers.isEmpty()) {
            return;
        }
        jdbc.sql("select pg_advisory_xact_lock_shared(" + LOCK_SPACE + ", hashtext(d)) from unnest(:deelnemers::text[]) d")
                .param("deelnemers", new java.util.TreeSet<>(deelnemers).toArray(String[]::new))
                .query().listOfRows();
    }

    /**
     * As {@link #lockParticipantsShared}, without waiting: takes those locks that are free and says whether all were (a
     * lock held or awaited by a revocation or change is not). The caller that gets false rolls back, which releases
     * the ones it got.
     */
    boolean tryLockParticipantsShared(java.util.Collection<String> deelnemers) {
        if (deelnemers.isEmpty()) {
            return true;
        }
        return Boolean.TRUE.equals(jdbc.sql("select bool_and(pg_try_advisory_xact_lock_shared(" + LOCK_SPACE
                        + ", hashtext(d))) from unnest(:deelnemers::text[]) d")
                .param("deelnemers", new java.util.TreeSet<>(deelnemers).toArray(String[]::new))
                .query(Boolean.class).single());
    }

    /** First key of the consent locks: keeps them apart from any other advisory lock on the database. */
    private static final int LOCK_SPACE = 0x4b50; // "KP"

    /** The participant of a verklaring (never changes), or empty if unknown. */
    Optional<String> participantOf(UUID id) {
        return jdbc.sql("select deelnemer_id from toestemmingsverklaring where id = :id").param("id", id)
                .query(String.class).optional();
    }

    /** The latest version number of a verklaring (call under {@link #lockParticipant}). */
    int latestVersion(UUID id) {
        Integer versie = jdbc.sql("select versie from toestemmingsverklaring where id = :id").param("id", id)
                .query(Integer.class).single();
        return versie == null ? 0 : versie;
    }

    /** The version a Toestemmingsverklaring message registered, if any. */
    Optional<Verklaring> versionFromMessage(UUID berichtId) {
        return jdbc.sql("select verklaring_id, versie from toestemmingsversie where bron_bericht_id = :bron")
                .param("bron", berichtId)
                .query((rs, n) -> new Object[] {rs.getObject("verklaring_id", UUID.class), rs.getInt("versie")})
                .list().stream().findFirst()
                .flatMap(key -> versionsOf((UUID) key[0]).stream().filter(v -> v.versie() == (Integer) key[1]).findFirst());
    }

    /**
     * Inserts a new verklaring (version 1) or a new version of one (under {@link #lockParticipant}).
     *
     * @param bron berichtId of the message that registered it, or null
     */
    void insert(Verklaring v, UUID bron) {
        if (v.versie() == 1) {
            jdbc.sql("""
                    insert into toestemmingsverklaring (id, deelnemer_id, versie, ingetrokken_op, geregistreerd_op,
                                                        geregistreerd_door)
                    values (:id, :deelnemer, 1, null, :op, :door)
                    """).param("id", v.id()).param("deelnemer", v.deelnemer()).param("op", utc(v.geregistreerdOp()))
                    .param("door", v.geregistreerdDoor()).update();
        } else if (jdbc.sql("update toestemmingsverklaring set versie = :versie where id = :id and versie = :vorige"
                        + " and ingetrokken_op is null")
                .param("versie", v.versie()).param("id", v.id()).param("vorige", v.versie() - 1).update() != 1) {
            throw new IllegalStateException("version " + v.versie() + " of " + v.id() + " does not follow the latest");
        }
        jdbc.sql("""
                insert into toestemmingsversie (verklaring_id, versie, geldig_van, geldig_tot, bewijs_hash,
                                                geregistreerd_op, geregistreerd_door, bron_bericht_id)
                values (:id, :versie, :van, :tot, :hash, :op, :door, :bron)
                """).param("id", v.id()).param("versie", v.versie()).param("van", utc(v.geldigVan()))
                .param("tot", utc(v.geldigTot())).param("hash", v.bewijsHash()).param("op", utc(v.geregistreerdOp()))
                .param("door", v.geregistreerdDoor()).param("bron", bron)
                .update();
        List<MapSqlParameterSource> provisions = new ArrayList<>();
        List<MapSqlParameterSource> values = new ArrayList<>();
        int nr = 0;
        for (Bepaling permit : v.bepalingen()) {
            int permitNr = ++nr;
            provisions.add(provision(v, permitNr, null, "PERMIT", permit.periode()));
            addValues(values, v, permitNr, permit.actoren(), permit.categorieen(), permit.doelen());
            for (Uitzondering deny : permit.uitzonderingen()) {
                int denyNr = ++nr;
                provisions.add(provision(v, denyNr, permitNr, "DENY", deny.periode()));
                addValues(values, v, denyNr, deny.actoren(), deny.categorieen(), deny.doelen());
            }
        }
        batch.batchUpdate("""
                insert into toestemming_bepaling (verklaring_id, versie, nr, ouder_nr, soort, geldig_van, geldig_tot)
                values (:id, :versie, :nr, :ouder, :soort, :van, :tot)
                """, provisions.toArray(MapSqlParameterSource[]::new));
        batch.batchUpdate("""
                insert into toestemming_bepaling_waarde (verklaring_id, versie, nr, dimensie, waarde)
                values (:id, :versie, :nr, :dimensie, :waarde)
                """, values.toArray(MapSqlParameterSource[]::new));
    }

    /** Sets the revocation moment unless already revoked; true if this call revoked it. */
    boolean revoke(UUID id, Instant at) {
        return jdbc.sql("update toestemmingsverklaring set ingetrokken_op = :op where id = :id and ingetrokken_op is null")
                .param("op", utc(at)).param("id", id).update() == 1;
    }

    private static MapSqlParameterSource provision(Verklaring v, int nr, Integer parent, String soort, Periode periode) {
        return new MapSqlParameterSource("id", v.id()).addValue("versie", v.versie()).addValue("nr", nr)
                .addValue("ouder", parent).addValue("soort", soort)
                .addValue("van", periode == null ? null : utc(periode.van()))
                .addValue("tot", periode == null ? null : utc(periode.tot()));
    }

    private static void addValues(List<MapSqlParameterSource> rows, Verklaring v, int nr, Set<Actor> actors,
            Set<Categorie> categories, Set<String> purposes) {
        actors.forEach(a -> rows.add(value(v, nr, "ACTOR", a.code())));
        categories.forEach(c -> rows.add(value(v, nr, "CATEGORIE", c.code())));
        purposes.forEach(d -> rows.add(value(v, nr, "DOEL", d)));
    }

    private static MapSqlParameterSource value(Verklaring v, int nr, String dimensie, String waarde) {
        return new MapSqlParameterSource("id", v.id()).addValue("versie", v.versie()).addValue("nr", nr)
                .addValue("dimensie", dimensie).addValue("waarde", waarde);
    }

    /** The versions the query selects; it binds {@code :key}. */
    private List<Verklaring> read(String sql, Object key) {
        return read(sql, new MapSqlParameterSource("key", key));
    }

    /** The versions the query selects with these parameters. */
    private List<Verklaring> read(String sql, MapSqlParameterSource params) {
        Map<String, VersionRows> versions = new LinkedHashMap<>();
        jdbc.sql(sql + " order by s.versie, b.nr").paramSource(params).query(rs -> {
            String versionKey = rs.getObject("id", UUID.class) + "@" + rs.getInt("versie");
            versions.computeIfAbsent(versionKey, k -> VersionRows.of(rs)).add(rs);
        });
        return versions.values().stream().map(VersionRows::toVerklaring).toList();
    }

    /** The rows of one version while they are read. */
    private static final class VersionRows {
        private final UUID id;
        private final String deelnemer;
        private final int versie;
        private final Instant van;
        private final Instant tot;
        private final Instant ingetrokken;
        private final Instant geregistreerdOp;
        private final String door;
        private final String hash;
        private final Map<Integer, ProvisionRows> provisions = new LinkedHashMap<>();

        private VersionRows(ResultSet rs) throws SQLException {
            id = rs.getObject("id", UUID.class);
            deelnemer = rs.getString("deelnemer_id");
            versie = rs.getInt("versie");
            van = instant(rs, "geldig_van");
            tot = instant(rs, "geldig_tot");
            ingetrokken = instant(rs, "ingetrokken_op");
            geregistreerdOp = instant(rs, "geregistreerd_op");
            door = rs.getString("geregistreerd_door");
            hash = rs.getString("bewijs_hash");
        }

        static VersionRows of(ResultSet rs) {
            try {
                return new VersionRows(rs);
            } catch (SQLException e) {
                throw new IllegalStateException("unreadable toestemmingsversie", e);
            }
        }

        void add(ResultSet rs) throws SQLException {
            int nr = rs.getInt("nr");
            ProvisionRows provision = provisions.get(nr);
            if (provision == null) {
                Integer parent = (Integer) rs.getObject("ouder_nr", Integer.class);
                Instant pVan = instant(rs, "b_van");
                Instant pTot = instant(rs, "b_tot");
                provision = new ProvisionRows(parent, pVan == null ? null : new Periode(pVan, pTot));
                provisions.put(nr, provision);
            }
            String dimension = rs.getString("dimensie");
            if (dimension != null) {
                provision.add(dimension, rs.getString("waarde"));
            }
        }

        Verklaring toVerklaring() {
            return toVerklaring(bepalingen());
        }

        /** This version row with these provisions (its own, as read now or before). */
        Verklaring toVerklaring(List<Bepaling> permits) {
            return new Verklaring(id, deelnemer, versie, van, tot, permits, ingetrokken, geregistreerdOp, door, hash);
        }

        /** The provisions read into this version: the permits, each with its deny exceptions. */
        List<Bepaling> bepalingen() {
            List<Bepaling> permits = new ArrayList<>();
            for (Map.Entry<Integer, ProvisionRows> p : provisions.entrySet()) {
                if (p.getValue().parent == null) {
                    List<Uitzondering> denies = provisions.values().stream()
                            .filter(d -> p.getKey().equals(d.parent))
                            .map(d -> new Uitzondering(d.actors, d.categories, d.purposes, d.periode))
                            .toList();
                    ProvisionRows permit = p.getValue();
                    permits.add(new Bepaling(permit.actors, permit.categories, permit.purposes, permit.periode, denies));
                }
            }
            return permits;
        }
    }

    /** The values of one provision while they are read. */
    private static final class ProvisionRows {
        private final Integer parent;
        private final Periode periode;
        private final Set<Actor> actors = new HashSet<>();
        private final Set<Categorie> categories = new HashSet<>();
        private final Set<String> purposes = new HashSet<>();

        ProvisionRows(Integer parent, Periode periode) {
            this.parent = parent;
            this.periode = periode;
        }

        void add(String dimension, String value) {
            switch (dimension) {
                case "ACTOR" -> actors.add(Actor.parse(value));
                // An unknown code (a category removed from the enum) is dropped: in a permit it cannot widen
                // consent; a deny left without categories covers all of its permit's (fail safe).
                case "CATEGORIE" -> Categorie.fromCode(value).ifPresent(categories::add);
                case "DOEL" -> purposes.add(value);
                default -> throw new IllegalStateException("unknown provision dimension " + dimension);
            }
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
