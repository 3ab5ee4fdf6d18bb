package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The audit beans in a Spring context (the tests' PostgreSQL): wired, started with the context, served as actuator endpoint. */
class AuditWiringIT {

    @Configuration
    @ComponentScan("nl.hvht.ketenpoort.audit")
    @EnableConfigurationProperties(AuditProperties.class)
    static class AuditOnly {
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                    EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
            .withUserConfiguration(AuditOnly.class)
            // application.yml: the example register of processing activities every audit record names
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withPropertyValues(
                    "spring.datasource.url=" + nl.hvht.ketenpoort.support.TestPostgres.createDatabase("audit_wiring"),
                    "spring.datasource.username=postgres",
                    "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}",
                    "management.endpoints.web.exposure.include=auditchain",
                    "ketenpoort.audit.pseudonym-key=test-only-pseudonym-key-0123456789abcdef",
                    "ketenpoort.audit.record-timeout=5s");

    @Test
    void recordsAndVerifiesThroughTheContext() {
        JdbcAuditLog[] started = new JdbcAuditLog[1];
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            AuditLog log = context.getBean(AuditLog.class);
            started[0] = (JdbcAuditLog) log;
            assertThat(started[0].isRunning()).isTrue();
            log.record(new AuditEvent("t", AuditStep.RECEIVED, "msg-1", "overdracht", "hvht", null, null, null, "OK",
                    null));
            assertThat(context.getBean(AuditChainEndpoint.class).verify(null)).isEqualTo(VerificationResult.intact(1));
            assertThat(context.getBean(WebEndpointsSupplier.class).getEndpoints())
                    .anySatisfy(endpoint -> {
                        assertThat(endpoint.getEndpointId()).isEqualTo(EndpointId.of("auditchain"));
                        assertThat(endpoint.getOperations()).hasSize(1);
                    });
        });
        assertThat(started[0].isRunning()).isFalse();
    }
}
