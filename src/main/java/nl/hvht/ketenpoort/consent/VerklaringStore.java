package nl.hvht.ketenpoort.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DataCategory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads and writes toestemmingsverklaringen with their versions and provisions (migrations V3 and V5). A version
 * is written once and never changed; the verklaring row holds the participant, the revocation and the number of
 * the latest version.
 */
@Component
class VerklaringStore {

    /** One row per (version, provision, value); provisions without values cannot exist (a permit names some). */
    private static final String SELECT = """
            select v.id, v.deelnemer_id, v.ingetrokken_op, s.versie, s.geldig_van, s.geldig_tot, s.bewijs_hash,
                   s.geregistreerd_op, s.geregistreerd_door, b.nr, b.ouder_nr, b.soort, b.geldig_van as b_van,
                   b.geldig_tot as b_tot, w.dimensie, w.waarde
              from toestemmingsverklaring v
              join toestemmingsversie s on s.verklaring_id = v.id
              join toestemming_bepaling b on b.verklaring_id = s.verklaring_id and b.versie = s.versie
              left join toestemming_bepaling_waarde w
                     on w.verklaring_id = b.verklaring_id and w.versie = b.versie and w.nr = b.nr
            """;

    private final JdbcTemplate jdbc;

    VerklaringStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every version of every verklaring of this participant (revoked and expired ones too). */
    List<Verklaring> versionsOfParticipant(String deelnemer) {
        return read(SELECT + " where v.deelnemer_id = ?", deelnemer);
    }

    /**
     * As {@link #versionsOfParticipant}, for several participants in one query: by participant (one without any
     * verklaring has no entry).
     */
    Map<String, List<Verklaring>> versionsOfParticipants(java.util.Collection<String> deelnemers) {
        Map<String, List<Verklaring>> byParticipant = new LinkedHashMap<>();
        if (deelnemers.isEmpty()) {
            return byParticipant;
        }
        read(SELECT + " where v.deelnemer_id = any(?)", (Object) new java.util.TreeSet<>(deelnemers).toArray(String[]::new))
                .forEach(v -> byParticipant.computeIfAbsent(v.deelnemer(), d -> new java.util.ArrayList<>()).add(v));
        return byParticipant;
    }

    /** Every version of one verklaring, oldest first. */
    List<Verklaring> versionsOf(UUID id) {
        return read(SELECT + " where v.id = ?", id);
    }

    /** The latest version of one verklaring. */
    Optional<Verklaring> latest(UUID id) {
        return versionsOf(id).stream().max(Comparator.comparingInt(Verklaring::versie));
    }

    /**
     * Takes the participant's consent lock exclusively until the transaction ends (a PostgreSQL advisory lock, so it
     * holds for a participant without any verklaring yet and writes no row versions): a revocation, change or new
     * verklaring waits for delivery checks under way and they wait for it.
     */
    void lockParticipant(String deelnemer) {
        jdbc.queryForList("select pg_advisory_xact_lock(" + LOCK_SPACE + ", hashtext(?))", deelnemer);
    }

    /**
     * Takes the consent locks of these participants shared until the transaction ends: delivery checks do not wait
     * for each other, only for a revocation or change (which waits for them). One round trip for a whole batch.
     */
    void lockParticipantsShared(java.util.Collection<String> deelnemers) {
        if (deelnemers.isEmpty()) {
            return;
        }
        jdbc.queryForList("select pg_advisory_xact_lock_shared(" + LOCK_SPACE + ", hashtext(d)) from unnest(?::text[]) d",
                (Object) new java.util.TreeSet<>(deelnemers).toArray(String[]::new));
    }

    /** First key of the consent locks: keeps them apart from any other advisory lock on the database. */
    private static final int LOCK_SPACE = 0x4b50; // "KP"

    /** The participant of a verklaring (never changes), or empty if unknown. */
    Optional<String> participantOf(UUID id) {
        return jdbc.queryForList("select deelnemer_id from toestemmingsverklaring where id = ?", String.class, id)
                .stream().findFirst();
    }

    /** The latest version number of a verklaring (call under {@link #lockParticipant}). */
    int latestVersion(UUID id) {
        Integer versie = jdbc.queryForObject("select versie from toestemmingsverklaring where id = ?", Integer.class, id);
        return versie == null ? 0 : versie;
    }

    /** The version a Toestemmingsverklaring message registered, if any. */
    Optional<Verklaring> versionFromMessage(UUID berichtId) {
        return jdbc.query("select verklaring_id, versie from toestemmingsversie where bron_bericht_id = ?",
                        (rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getInt(2)}, berichtId).stream()
                .findFirst()
                .flatMap(key -> versionsOf((UUID) key[0]).stream().filter(v -> v.versie() == (Integer) key[1]).findFirst());
    }

    /**
     * Inserts a new verklaring (version 1) or a new version of one (under {@link #lockParticipant}).
     *
     * @param bron berichtId of the message that registered it, or null
     */
    void insert(Verklaring v, UUID bron) {
        if (v.versie() == 1) {
            jdbc.update("""
                    insert into toestemmingsverklaring (id, deelnemer_id, versie, ingetrokken_op, geregistreerd_op,
                                                        geregistreerd_door)
                    values (?, ?, 1, null, ?, ?)
                    """, v.id(), v.deelnemer(), utc(v.geregistreerdOp()), v.geregistreerdDoor());
        } else if (jdbc.update("update toestemmingsverklaring set versie = ? where id = ? and versie = ? and ingetrokken_op is null",
                v.versie(), v.id(), v.versie() - 1) != 1) {
            throw new IllegalStateException("version " + v.versie() + " of " + v.id() + " does not follow the latest");
        }
        jdbc.update("""
                insert into toestemmingsversie (verklaring_id, versie, geldig_van, geldig_tot, bewijs_hash,
                                                geregistreerd_op, geregistreerd_door, bron_bericht_id)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """, v.id(), v.versie(), utc(v.geldigVan()), utc(v.geldigTot()), v.bewijsHash(), utc(v.geregistreerdOp()),
                v.geregistreerdDoor(), bron);
        List<Object[]> provisions = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
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
        jdbc.batchUpdate("""
                insert into toestemming_bepaling (verklaring_id, versie, nr, ouder_nr, soort, geldig_van, geldig_tot)
                values (?, ?, ?, ?, ?, ?, ?)
                """, provisions);
        jdbc.batchUpdate("""
                insert into toestemming_bepaling_waarde (verklaring_id, versie, nr, dimensie, waarde)
                values (?, ?, ?, ?, ?)
                """, values);
    }

    /** Sets the revocation moment unless already revoked; true if this call revoked it. */
    boolean revoke(UUID id, Instant at) {
        return jdbc.update("update toestemmingsverklaring set ingetrokken_op = ? where id = ? and ingetrokken_op is null",
                utc(at), id) == 1;
    }

    private static Object[] provision(Verklaring v, int nr, Integer parent, String soort, Periode periode) {
        return new Object[] {v.id(), v.versie(), nr, parent, soort, periode == null ? null : utc(periode.van()),
            periode == null ? null : utc(periode.tot())};
    }

    private static void addValues(List<Object[]> rows, Verklaring v, int nr, Set<Actor> actors,
            Set<DataCategory> categories, Set<String> purposes) {
        actors.forEach(a -> rows.add(new Object[] {v.id(), v.versie(), nr, "ACTOR", a.code()}));
        categories.forEach(c -> rows.add(new Object[] {v.id(), v.versie(), nr, "CATEGORIE", c.code()}));
        purposes.forEach(d -> rows.add(new Object[] {v.id(), v.versie(), nr, "DOEL", d}));
    }

    private List<Verklaring> read(String sql, Object key) {
        Map<String, VersionRows> versions = new LinkedHashMap<>();
        jdbc.query(sql + " order by s.versie, b.nr", rs -> {
            String versionKey = rs.getObject("id", UUID.class) + "@" + rs.getInt("versie");
            versions.computeIfAbsent(versionKey, k -> VersionRows.of(rs)).add(rs);
        }, key);
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
            return new Verklaring(id, deelnemer, versie, van, tot, permits, ingetrokken, geregistreerdOp, door, hash);
        }
    }

    /** The values of one provision while they are read. */
    private static final class ProvisionRows {
        private final Integer parent;
        private final Periode periode;
        private final Set<Actor> actors = new HashSet<>();
        private final Set<DataCategory> categories = new HashSet<>();
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
                case "CATEGORIE" -> DataCategory.fromCode(value).ifPresent(categories::add);
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
