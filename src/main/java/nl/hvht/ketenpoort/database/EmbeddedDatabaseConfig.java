package nl.hvht.ketenpoort.database;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code ketenpoort.database.embedded.enabled=true} (the default run): the gateway's data source is a pool on
 * its own {@link EmbeddedPostgresServer}; Spring Boot's {@code spring.datasource.hikari.*} settings apply to it. The
 * server is closed after the pool (the pool depends on it), and both after everything that writes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
@ConditionalOnProperty(name = "ketenpoort.database.embedded.enabled", havingValue = "true")
class EmbeddedDatabaseConfig {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(EmbeddedDatabaseProperties properties) {
        return EmbeddedPostgresServer.start(Path.of(properties.dataDirectory()), properties.port());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server, EmbeddedDatabaseProperties properties) {
        return DataSourceBuilder.create().type(HikariDataSource.class).driverClassName("org.postgresql.Driver")
                .url(server.database(properties.database()) + "&reWriteBatchedInserts=true")
                .username("postgres").password("").build();
    }
}
