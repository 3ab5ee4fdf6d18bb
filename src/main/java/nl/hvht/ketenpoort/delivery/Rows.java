package nl.hvht.ketenpoort.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading ledger columns by name. */
final class Rows {

    private Rows() {
    }

    /** A {@code timestamp with time zone} column as an instant; null stays null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
