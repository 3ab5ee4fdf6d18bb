package nl.hvht.ketenpoort.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger ({@code bericht}, {@code bezorging}) as the admin side's message browser reads it: a read model with
 * metadata only, never the content, never the participant id (only its pseudonym) and never a discard reason text.
 * The caller bounds every query (page size, offset).
 */
@Component
public class BerichtBrowser {

    private final JdbcClient jdbc;

    BerichtBrowser(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to search for; null fields do not filter. */
    public record Zoekvraag(UUID berichtId, String type, String afzender, String ontvanger, DeliveryStatus status,
            Instant van, Instant tot, String pseudoniem) {
    }

    /** One message as listed, with the status per recipient. */
    public record Rij(String berichtId, String berichtType, String afzender, Instant ontvangenOp, List<Status> statussen) {
    }

    /** A recipient and the status of its delivery. */
    public record Status(String ontvanger, String status) {
    }

    /** The messages that match, newest first, {@code limit} of them from {@code offset}; each with its statuses. */
    public List<Rij> zoek(Zoekvraag q, int limit, long offset) {
        StringBuilder sql = new StringBuilder(
                "select b.bericht_id, b.bericht_type, b.afzender, b.ontvangen_op from bericht b where 1 = 1");
        Map<String, Object> args = new LinkedHashMap<>();
        if (q.berichtId() != null) {
            sql.append(" and b.bericht_id = :berichtId");
            args.put("berichtId", q.berichtId());
        }
        if (q.type() != null) {
            sql.append(" and b.bericht_type = :type");
            args.put("type", q.type());
        }
        if (q.afzender() != null) {
            sql.append(" and b.afzender = :afzender");
            args.put("afzender", q.afzender());
        }
        if (q.pseudoniem() != null) {
            sql.append(" and b.deelnemer_pseudoniem = :pseudoniem");
            args.put("pseudoniem", q.pseudoniem());
        }
        if (q.van() != null) {
            sql.append(" and b.ontvangen_op >= :van");
            args.put("van", Timestamp.from(q.van()));
        }
        if (q.tot() != null) {
            sql.append(" and b.ontvangen_op < :tot");
            args.put("tot", Timestamp.from(q.tot()));
        }
        if (q.ontvanger() != null || q.status() != null) {
            sql.append(" and exists (select 1 from bezorging z where z.bericht_id = b.bericht_id");
            if (q.ontvanger() != null) {
                sql.append(" and z.ontvanger = :ontvanger");
                args.put("ontvanger", q.ontvanger());
            }
            if (q.status() != null) {
                sql.append(" and z.status = :status");
                args.put("status", q.status().name());
            }
            sql.append(")");
        }
        sql.append(" order by b.ontvangen_op desc, b.bericht_id limit :limiet offset :offset");
        args.put("limiet", limit);
        args.put("offset", offset);
        List<Rij> rijen = jdbc.sql(sql.toString()).params(args)
                .query((rs, n) -> new Rij(rs.getObject("bericht_id", UUID.class).toString(), rs.getString("bericht_type"),
                        rs.getString("afzender"), Rows.instant(rs, "ontvangen_op"), List.of()))
                .list();
        if (rijen.isEmpty()) {
            return List.of();
        }
        Map<String, List<Status>> statussen = new LinkedHashMap<>();
        jdbc.sql("select bericht_id, ontvanger, status from bezorging where bericht_id in (:ids) order by ontvanger")
                .param("ids", rijen.stream().map(r -> UUID.fromString(r.berichtId())).toList())
                .query(rs -> {
                    statussen.computeIfAbsent(rs.getObject("bericht_id", UUID.class).toString(), k -> new ArrayList<>())
                            .add(new Status(rs.getString("ontvanger"), rs.getString("status")));
                });
        return rijen.stream().map(r -> new Rij(r.berichtId(), r.berichtType(), r.afzender(), r.ontvangenOp(),
                statussen.getOrDefault(r.berichtId(), List.of()))).toList();
    }

    /** A message's metadata, with its participant's pseudonym. */
    public record Bericht(String berichtId, String berichtType, String afzender, String doel, String categorieen,
            String pseudoniem, String inhoudSha256, boolean inhoudBewaard, String verwerking, Instant ontvangenOp) {
    }

    /** One message's metadata; empty if the ledger does not have it. */
    public Optional<Bericht> bericht(UUID berichtId) {
        return jdbc.sql("select bericht_id, bericht_type, afzender, doel, categorieen, deelnemer_pseudoniem, inhoud_sha256,"
                        + " inhoud is not null as inhoud_bewaard, verwerking, ontvangen_op from bericht where bericht_id = :id")
                .param("id", berichtId)
                .query((rs, n) -> new Bericht(rs.getObject("bericht_id", UUID.class).toString(), rs.getString("bericht_type"),
                        rs.getString("afzender"), rs.getString("doel"), rs.getString("categorieen"),
                        rs.getString("deelnemer_pseudoniem"), rs.getString("inhoud_sha256"), rs.getBoolean("inhoud_bewaard"),
                        rs.getString("verwerking"), Rows.instant(rs, "ontvangen_op")))
                .optional();
    }

    /** One delivery of a message as the ledger holds it (never the discard reason text). */
    public record Bezorging(String ontvanger, String status, String reden, int pogingen, int herkansingen, String grondslag,
            String ingehouden, Integer verklaringVersie, Instant bijgewerktOp, Instant afgevoerdOp, String afgevoerdDoor,
            String afvoerCode) {
    }

    /** The deliveries of one message, by recipient. */
    public List<Bezorging> bezorgingen(UUID berichtId) {
        return jdbc.sql("select ontvanger, status, reden, pogingen, herkansingen, grondslag, ingehouden, verklaring_versie,"
                        + " bijgewerkt_op, afgevoerd_op, afgevoerd_door, afvoer_code from bezorging where bericht_id = :id"
                        + " order by ontvanger")
                .param("id", berichtId)
                .query((rs, n) -> new Bezorging(rs.getString("ontvanger"), rs.getString("status"), rs.getString("reden"),
                        rs.getInt("pogingen"), rs.getInt("herkansingen"), rs.getString("grondslag"), rs.getString("ingehouden"),
                        rs.getObject("verklaring_versie", Integer.class), Rows.instant(rs, "bijgewerkt_op"),
                        Rows.instant(rs, "afgevoerd_op"), rs.getString("afgevoerd_door"), rs.getString("afvoer_code")))
                .list();
    }
}
