package nl.hvht.ketenpoort.consent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DataCategory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads and writes toestemmingsverklaringen (tables of migration V3). */
@Component
class VerklaringStore {

    private static final String SELECT = """
            select v.id, v.deelnemer_id, v.versie, v.geldig_van, v.geldig_tot, v.ingetrokken_op,
                   v.geregistreerd_op, v.geregistreerd_door, v.bewijs_hash,
                   (select array_agg(o.partner_id) from toestemming_ontvanger o where o.verklaring_id = v.id) as ontvangers,
                   (select array_agg(c.categorie) from toestemming_categorie c where c.verklaring_id = v.id) as categorieen,
                   (select array_agg(d.doel) from toestemming_doel d where d.verklaring_id = v.id) as doelen
              from toestemmingsverklaring v
            """;

    private static final String FOR_RECIPIENT = SELECT + """
             where v.deelnemer_id = ?
               and exists (select 1 from toestemming_ontvanger r where r.verklaring_id = v.id and r.partner_id = ?)
            """;

    private static final String BY_ID = SELECT + " where v.id = ?";

    private static final RowMapper<Verklaring> MAPPER = VerklaringStore::map;

    private final JdbcTemplate jdbc;

    VerklaringStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every verklaring of this participant that names this recipient (revoked and expired ones too): one query. */
    List<Verklaring> forRecipient(String deelnemer, String ontvanger) {
        return jdbc.query(FOR_RECIPIENT, MAPPER, deelnemer, ontvanger);
    }

    Optional<Verklaring> byId(UUID id) {
        return jdbc.query(BY_ID, MAPPER, id).stream().findFirst();
    }

    void insert(Verklaring v) {
        jdbc.update("""
                insert into toestemmingsverklaring (id, deelnemer_id, versie, geldig_van, geldig_tot, ingetrokken_op,
                                                    geregistreerd_op, geregistreerd_door, bewijs_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, v.id(), v.deelnemer(), v.versie(), utc(v.geldigVan()), utc(v.geldigTot()), utc(v.ingetrokkenOp()),
                utc(v.geregistreerdOp()), v.geregistreerdDoor(), v.bewijsHash());
        insertChildren("insert into toestemming_ontvanger (verklaring_id, partner_id) values (?, ?)", v.id(), v.ontvangers());
        insertChildren("insert into toestemming_categorie (verklaring_id, categorie) values (?, ?)", v.id(),
                v.categorieen().stream().map(DataCategory::code).toList());
        insertChildren("insert into toestemming_doel (verklaring_id, doel) values (?, ?)", v.id(), v.doelen());
    }

    /** Sets the revocation moment unless already revoked; true if this call revoked it. */
    boolean revoke(UUID id, Instant at) {
        return jdbc.update("update toestemmingsverklaring set ingetrokken_op = ? where id = ? and ingetrokken_op is null",
                utc(at), id) == 1;
    }

    private void insertChildren(String sql, UUID id, Iterable<String> values) {
        List<Object[]> rows = new ArrayList<>();
        values.forEach(value -> rows.add(new Object[] {id, value}));
        jdbc.batchUpdate(sql, rows);
    }

    private static Verklaring map(ResultSet rs, int row) throws SQLException {
        Set<DataCategory> categories = new HashSet<>();
        for (String code : strings(rs.getArray("categorieen"))) {
            // An unknown code (a category removed from the enum) cannot widen consent: it is dropped.
            DataCategory.fromCode(code).ifPresent(categories::add);
        }
        return new Verklaring(
                rs.getObject("id", UUID.class),
                rs.getString("deelnemer_id"),
                rs.getInt("versie"),
                strings(rs.getArray("ontvangers")),
                categories,
                strings(rs.getArray("doelen")),
                instant(rs, "geldig_van"),
                instant(rs, "geldig_tot"),
                instant(rs, "ingetrokken_op"),
                instant(rs, "geregistreerd_op"),
                rs.getString("geregistreerd_door"),
                rs.getString("bewijs_hash"));
    }

    /** PostgreSQL returns {@code String[]}, H2 {@code Object[]}; both are {@code Object[]}. */
    private static Set<String> strings(Array array) throws SQLException {
        Set<String> values = new HashSet<>();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                values.add((String) value);
            }
            array.free();
        }
        return values;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
