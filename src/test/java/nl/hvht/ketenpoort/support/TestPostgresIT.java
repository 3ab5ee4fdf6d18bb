package nl.hvht.ketenpoort.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

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

    @Test
    void aMigratedDatabaseHasEveryMigrationAndIsACopyOfItsOwn() throws IOException {
        JdbcTemplate first = migrated("support_migrated_1");
        JdbcTemplate second = migrated("support_migrated_2");
        long migrations;
        try (Stream<Path> files = Stream.of("common", "postgresql").flatMap(TestPostgresIT::migrationFiles)) {
            migrations = files.count();
        }

        for (JdbcTemplate jdbc : new JdbcTemplate[] {first, second}) {
            assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success and version is not null",
                    Long.class)).isEqualTo(migrations);
            assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version = '2.1' and success",
                    Integer.class)).as("the postgresql migrations too").isEqualTo(1);
        }
        first.execute("create table support_marker (id int)");
        assertThat(tables(second, "support_marker")).isZero();
        assertThat(tables(migrated("support_migrated_3"), "support_marker")).as("the template is untouched").isZero();
    }

    private static JdbcTemplate migrated(String name) {
        TestPostgres.createMigratedDatabase(name);
        return new JdbcTemplate(TestPostgres.dataSource(name));
    }

    private static int tables(JdbcTemplate jdbc, String name) {
        return jdbc.queryForObject("select count(*) from pg_tables where tablename = ?", Integer.class, name);
    }

    private static Stream<Path> migrationFiles(String folder) {
        try {
            return Files.list(Path.of("src/main/resources/db/migration", folder))
                    .filter(p -> p.getFileName().toString().matches("V.+__.+\\.sql")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
