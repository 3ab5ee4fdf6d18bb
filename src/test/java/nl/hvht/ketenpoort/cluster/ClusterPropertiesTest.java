package nl.hvht.ketenpoort.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** ketenpoort.cluster: local by default, shared as written in the YAML, refused when the timeout cannot hold. */
class ClusterPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(ClusterProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void oneNodeIsTheDefault() {
        runner.run(context -> {
            ClusterProperties properties = context.getBean(ClusterProperties.class);
            assertThat(properties.mode()).isEqualTo(ClusterProperties.Mode.LOCAL);
            assertThat(properties.shared()).isFalse();
            assertThat(properties.heartbeat()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.nodeTimeout()).isEqualTo(Duration.ofSeconds(20));
        });
    }

    @Test
    void sharedAsWrittenInTheConfiguration() {
        runner.withPropertyValues("ketenpoort.cluster.mode=shared", "ketenpoort.cluster.node-id=node-b")
                .run(context -> {
                    assertThat(context.getBean(ClusterProperties.class).shared()).isTrue();
                    assertThat(context.getBean(ClusterProperties.class).nodeId()).isEqualTo("node-b");
                });
    }

    @Test
    void aTimeoutShorterThanTwoHeartbeatsStopsStartUp() {
        runner.withPropertyValues("ketenpoort.cluster.heartbeat=10s", "ketenpoort.cluster.node-timeout=15s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ketenpoort.cluster.node-timeout"));
    }

    @Test
    void anUnknownModeStopsStartUp() {
        runner.withPropertyValues("ketenpoort.cluster.mode=gedeeld").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aBlankNodeIdStopsStartUp() {
        runner.withPropertyValues("ketenpoort.cluster.node-id= ").run(context -> assertThat(context).hasFailed());
    }
}
