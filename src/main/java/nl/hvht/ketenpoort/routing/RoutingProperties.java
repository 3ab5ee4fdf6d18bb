package nl.hvht.ketenpoort.routing;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Routing configuration ({@code ketenpoort.routing}).
 *
 * @param rulesDir folder with the distribution rules as Camel YAML DSL files ({@code *.yaml}); Camel loads
 *                 them through {@code camel.main.routes-include-pattern}
 */
@Validated
@ConfigurationProperties("ketenpoort.routing")
public record RoutingProperties(@NotBlank @DefaultValue("routes") String rulesDir) {
}
