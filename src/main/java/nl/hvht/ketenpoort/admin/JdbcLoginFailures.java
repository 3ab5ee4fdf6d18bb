package nl.hvht.ketenpoort.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import nl.hvht.ketenpoort.admin.LoginThrottle.Failures;
import nl.hvht.ketenpoort.admin.LoginThrottle.Key;
import nl.hvht.ketenpoort.admin.LoginThrottle.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link LoginFailures} in table {@code inlog_poging}, shared by every node: a change reads its row under the row lock
 * ({@code for update}) and writes it in the same transaction, so two nodes counting failures of one key count both;
 * an ended lock is marked reported by one conditional update, so only one node reports it. Times in microseconds (the
 * column's precision), the throttle's own clock. Every statement of the table is here.
 */
final class JdbcLoginFailures implements LoginFailures {

    private static final String COLUMNS = "aantal, sinds, laatste, geblokkeerd_tot, vrijgave_gemeld";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    JdbcLoginFailures(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public Failures get(Key key) {
        return read(key, "");
    }

    @Override
    public Failures compute(Key key, UnaryOperator<Failures> next) {
        return transaction.execute(status -> {
            // At most twice: a first failure of a key inserts its row; if another node inserted it meanwhile, read it locked.
            for (int round = 0; ; round++) {
                Failures current = read(key, " for update");
                Failures updated = micros(next.apply(current));
                if (current != null) {
                    jdbc.update("update inlog_poging set aantal = ?, sinds = ?, laatste = ?, geblokkeerd_tot = ?, vrijgave_gemeld = ?"
                            + " where soort = ? and naam = ? and adres = ?", updated.count(), ts(updated.since()), ts(updated.last()),
                            ts(updated.lockedUntil()), updated.releaseReported(), key.scope().name(), key.naam(), key.address());
                    return updated;
                }
                int inserted = jdbc.update("insert into inlog_poging (soort, naam, adres, " + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (soort, naam, adres) do nothing", key.scope().name(), key.naam(), key.address(),
                        updated.count(), ts(updated.since()), ts(updated.last()), ts(updated.lockedUntil()), updated.releaseReported());
                if (inserted == 1 || round > 0) {
                    return updated;
                }
            }
        });
    }

    @Override
    public void remove(Key key) {
        jdbc.update("delete from inlog_poging where soort = ? and naam = ? and adres = ?", key.scope().name(), key.naam(), key.address());
    }

    @Override
    public List<Key> reportEndedLocks(Instant now) {
        return jdbc.query("update inlog_poging set vrijgave_gemeld = true"
                + " where geblokkeerd_tot is not null and not vrijgave_gemeld and geblokkeerd_tot <= ? returning soort, naam, adres",
                (rs, n) -> new Key(Scope.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)), ts(now));
    }

    @Override
    public void prune(Instant now, Duration maxLock) {
        // Failures#forgotten in SQL: not locked, its end reported, and quiet (last failure, end of lock) for maxLock.
        jdbc.update("delete from inlog_poging where (geblokkeerd_tot is null or (geblokkeerd_tot <= ? and vrijgave_gemeld))"
                + " and greatest(coalesce(geblokkeerd_tot, laatste), laatste) <= ?", ts(now), ts(now.minus(maxLock)));
    }

    private Failures read(Key key, String lock) {
        return jdbc.query("select " + COLUMNS + " from inlog_poging where soort = ? and naam = ? and adres = ?" + lock,
                rs -> rs.next() ? failures(rs) : null, key.scope().name(), key.naam(), key.address());
    }

    private static Failures failures(ResultSet rs) throws SQLException {
        return new Failures(rs.getInt(1), instant(rs, 2), instant(rs, 3), instant(rs, 4), rs.getBoolean(5));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Failures micros(Failures f) {
        return new Failures(f.count(), micros(f.since()), micros(f.last()), micros(f.lockedUntil()), f.releaseReported());
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
