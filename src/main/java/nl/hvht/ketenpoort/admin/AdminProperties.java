package nl.hvht.ketenpoort.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin side ({@code ketenpoort.admin}).
 *
 * @param enabled serve the admin port at all
 * @param port    HTTPS port of the admin side (never the partner port {@code server.port})
 * @param address address the admin port binds to; loopback unless an operator network is configured
 */
@Validated
@ConfigurationProperties("ketenpoort.admin")
public record AdminProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8444") @Min(value = 1, message = "ketenpoort.admin.port must be a TCP port (1-65535)")
        @Max(value = 65535, message = "ketenpoort.admin.port must be a TCP port (1-65535)") int port,
        @DefaultValue("127.0.0.1") @NotBlank(message = "ketenpoort.admin.address must name the address to bind to") String address) {
}
