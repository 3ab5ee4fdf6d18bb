package nl.hvht.ketenpoort.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded PostgreSQL of the default run ({@code ketenpoort.database.embedded}).
 *
 * @param enabled       start a PostgreSQL server inside the gateway (the default run); false in production, where
 *                      {@code spring.datasource.*} names an external server
 * @param dataDirectory its data directory (kept across restarts)
 * @param port          its TCP port on loopback; 0 picks a free one at every start
 * @param database      the database the gateway uses on it
 */
@Validated
@ConfigurationProperties("ketenpoort.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("data/postgres") @NotBlank String dataDirectory,
        @DefaultValue("0") @Min(0) @Max(65535) int port,
        @DefaultValue("ketenpoort") @NotBlank String database) {
}
