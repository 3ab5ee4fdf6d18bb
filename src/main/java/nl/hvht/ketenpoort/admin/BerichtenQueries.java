package nl.hvht.ketenpoort.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The message browser's queries: metadata of {@code bericht}, {@code bezorging}, {@code audit_record},
 * {@code toestemmingsbesluit}; never the content and never the participant id (only its pseudonym). Every query is
 * bounded (a page of {@link #PAGINA} messages, at most {@link #MAX_REGELS} rows of a message's history).
 */
@Component
class BerichtenQueries {

    static final int PAGINA = 50;
    static final int MAX_PAGINA = 200;
    static final int MAX_REGELS = 500;

    private final NamedParameterJdbcTemplate jdbc;

    BerichtenQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What to search for; null fields do not filter. {@code pagina} counts from 0. */
    record Zoekvraag(UUID berichtId, String type, String afzender, String ontvanger, String status, Instant van, Instant tot,
            String pseudoniem, int pagina) {
    }

    /** One message as listed, with the status per recipient. */
    record Rij(String berichtId, String berichtType, String afzender, Instant ontvangenOp, List<Status> statussen) {
    }

    /** A recipient and the status of its delivery. */
    record Status(String ontvanger, String status) {
    }

    /** A page of results; {@code meer}: there is a next page. */
    record Resultaat(List<Rij> rijen, boolean meer) {
    }

    Resultaat zoek(Zoekvraag q) {
        StringBuilder sql = new StringBuilder("select b.bericht_id, b.bericht_type, b.afzender, b.ontvangen_op from bericht b where 1 = 1");
        MapSqlParameterSource args = new MapSqlParameterSource();
        if (q.berichtId() != null) {
            sql.append(" and b.bericht_id = :berichtId");
            args.addValue("berichtId", q.berichtId());
        }
        if (q.type() != null) {
            sql.append(" and b.bericht_type = :type");
            args.addValue("type", q.type());
        }
        if (q.afzender() != null) {
            sql.append(" and b.afzender = :afzender");
            args.addValue("afzender", q.afzender());
        }
        if (q.pseudoniem() != null) {
            sql.append(" and b.deelnemer_pseudoniem = :pseudoniem");
            args.addValue("pseudoniem", q.pseudoniem());
        }
        if (q.van() != null) {
            sql.append(" and b.ontvangen_op >= :van");
            args.addValue("van", Timestamp.from(q.van()));
        }
        if (q.tot() != null) {
            sql.append(" and b.ontvangen_op < :tot");
            args.addValue("tot", Timestamp.from(q.tot()));
        }
        if (q.ontvanger() != null || q.status() != null) {
            sql.append(" and exists (select 1 from bezorging z where z.bericht_id = b.bericht_id");
            if (q.ontvanger() != null) {
                sql.append(" and z.ontvanger = :ontvanger");
                args.addValue("ontvanger", q.ontvanger());
            }
            if (q.status() != null) {
                sql.append(" and z.status = :status");
                args.addValue("status", q.status());
            }
            sql.append(")");
        }
        sql.append(" order by b.ontvangen_op desc, b.bericht_id limit :limiet offset :offset");
        args.addValue("limiet", PAGINA + 1);
        args.addValue("offset", (long) Math.min(Math.max(q.pagina(), 0), MAX_PAGINA) * PAGINA);
        List<Rij> rijen = new ArrayList<>(jdbc.query(sql.toString(), args, (rs, n) -> new Rij(rs.getObject(1, UUID.class).toString(),
                rs.getString(2), rs.getString(3), instant(rs, 4), List.of())));
        boolean meer = rijen.size() > PAGINA;
        if (meer) {
            rijen.remove(PAGINA);
        }
        if (rijen.isEmpty()) {
            return new Resultaat(List.of(), false);
        }
        Map<String, List<Status>> statussen = new LinkedHashMap<>();
        jdbc.query("select bericht_id, ontvanger, status from bezorging where bericht_id in (:ids) order by ontvanger",
                new MapSqlParameterSource("ids", rijen.stream().map(r -> UUID.fromString(r.berichtId())).toList()),
                rs -> {
                    statussen.computeIfAbsent(rs.getObject(1, UUID.class).toString(), k -> new ArrayList<>())
                            .add(new Status(rs.getString(2), rs.getString(3)));
                });
        return new Resultaat(rijen.stream().map(r -> new Rij(r.berichtId(), r.berichtType(), r.afzender(), r.ontvangenOp(),
                statussen.getOrDefault(r.berichtId(), List.of()))).toList(), meer);
    }

    /** A message's metadata, with its participant's pseudonym. */
    record Bericht(String berichtId, String berichtType, String afzender, String doel, String categorieen, String pseudoniem,
            String inhoudSha256, boolean inhoudBewaard, String verwerking, Instant ontvangenOp) {
    }

    Optional<Bericht> bericht(UUID berichtId) {
        return jdbc.query("select bericht_id, bericht_type, afzender, doel, categorieen, deelnemer_pseudoniem, inhoud_sha256,"
                        + " inhoud is not null, verwerking, ontvangen_op from bericht where bericht_id = :id",
                new MapSqlParameterSource("id", berichtId),
                rs -> rs.next() ? Optional.of(new Bericht(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9),
                        instant(rs, 10))) : Optional.<Bericht>empty());
    }

    /** One delivery of a message as the ledger holds it (never the discard reason text). */
    record Bezorging(String ontvanger, String status, String reden, int pogingen, int herkansingen, String grondslag,
            String ingehouden, Integer verklaringVersie, Instant bijgewerktOp, Instant afgevoerdOp, String afgevoerdDoor,
            String afvoerCode) {
    }

    List<Bezorging> bezorgingen(UUID berichtId) {
        return jdbc.query("select ontvanger, status, reden, pogingen, herkansingen, grondslag, ingehouden, verklaring_versie,"
                        + " bijgewerkt_op, afgevoerd_op, afgevoerd_door, afvoer_code from bezorging where bericht_id = :id order by ontvanger",
                new MapSqlParameterSource("id", berichtId),
                (rs, n) -> new Bezorging(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getString(6),
                        rs.getString(7), (Integer) rs.getObject(8), instant(rs, 9), instant(rs, 10), rs.getString(11), rs.getString(12)));
    }

    /** One audit record of a message. */
    record Gebeurtenis(long volgnummer, Instant tijdstip, String stap, String ontvanger, String afzender, String uitkomst,
            String reden) {
    }

    /** The message's audit records, oldest first, at most {@link #MAX_REGELS}. */
    List<Gebeurtenis> gebeurtenissen(String berichtId) {
        return jdbc.query("select volgnummer, tijdstip, stap, ontvanger, afzender, uitkomst, reden from audit_record"
                        + " where bericht_id = :id order by volgnummer limit :limiet",
                new MapSqlParameterSource("id", berichtId).addValue("limiet", MAX_REGELS),
                (rs, n) -> new Gebeurtenis(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)));
    }

    /** One consent decision of a message. */
    record Besluit(Instant moment, String ontvanger, String fase, String uitkomst, String reden, String grondslag,
            String verklaringId, Integer verklaringVersie, String ingehouden, String categorieen, String doel) {
    }

    /** The message's consent decisions, oldest first, at most {@link #MAX_REGELS}. */
    List<Besluit> besluiten(String berichtId) {
        return jdbc.query("select moment, ontvanger, fase, uitkomst, reden, grondslag, verklaring_id, verklaring_versie, ingehouden,"
                        + " categorieen, doel from toestemmingsbesluit where bericht_id = :id order by moment, id limit :limiet",
                new MapSqlParameterSource("id", berichtId).addValue("limiet", MAX_REGELS),
                (rs, n) -> {
                    Object verklaring = rs.getObject(7);
                    return new Besluit(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), verklaring == null ? null : verklaring.toString(), (Integer) rs.getObject(8), rs.getString(9),
                            rs.getString(10), rs.getString(11));
                });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
