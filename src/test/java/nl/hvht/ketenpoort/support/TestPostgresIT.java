package nl.hvht.ketenpoort.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestPostgresIT {

    @Test
    void servesARealPostgreSql() throws Exception {
        TestPostgres.createDatabase("support_check");
        try (var connection = TestPostgres.dataSource("support_check").getConnection();
                var statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
        }
    }
}
