package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import nl.hvht.ketenpoort.bericht.v1.BerichtType;
import nl.hvht.ketenpoort.bericht.v1.Doel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The register of processing activities binds from configuration and refuses to start on a flow without one. */
class VerwerkingsregisterTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Verwerkingsregister.class)
    static class Register {
    }

    private static final String P = "ketenpoort.verwerkingsregister.";

    /** A register covering every flow: one activity per message type, for every purpose. */
    private static ApplicationContextRunner complete() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Register.class)
                .withPropertyValues(P + "beheer.id=urn:test:beheer", P + "beheer.naam=Beheer", P + "beheer.grondslag=art. 6 lid 1 sub c",
                        P + "toestemming.id=urn:test:toestemming", P + "toestemming.naam=Toestemming",
                        P + "toestemming.grondslag=art. 7");
        BerichtType[] types = BerichtType.values();
        for (int i = 0; i < types.length; i++) {
            runner = runner.withPropertyValues(P + "berichten[" + i + "].id=urn:test:" + types[i].value().toLowerCase(),
                    P + "berichten[" + i + "].naam=" + types[i].value(), P + "berichten[" + i + "].grondslag=art. 6 lid 1 sub e",
                    P + "berichten[" + i + "].bericht-type=" + types[i].value());
        }
        return runner;
    }

    @Test
    void theExampleRegisterInApplicationYmlCoversEveryFlow() {
        new ApplicationContextRunner().withUserConfiguration(Register.class)
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Verwerkingsregister register = context.getBean(Verwerkingsregister.class);
                    for (BerichtType type : BerichtType.values()) {
                        for (Doel doel : Doel.values()) {
                            assertThat(register.voorStroom(type.value(), doel.value())).as("%s/%s", type, doel).isPresent();
                        }
                    }
                    assertThat(register.voorStroom("Overdracht", "toezicht").orElseThrow().id())
                            .isNotEqualTo(register.voorStroom("Overdracht", "nazorg").orElseThrow().id());
                });
    }

    @Test
    void startUpFailsNamingTheFlowWithoutAnActivity() {
        int last = BerichtType.values().length - 1;
        BerichtType missing = BerichtType.values()[last];
        // The last type now covers one purpose only: every other purpose of it is a flow without an activity.
        complete().withPropertyValues(P + "berichten[" + last + "].doelen=" + Doel.values()[0].value())
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("no processing activity for the flow " + missing.value() + " with purpose "
                                + Doel.values()[1].value()));
    }

    @Test
    void aCompleteRegisterStartsAndEveryStepFindsItsActivity() {
        complete().run(context -> {
            assertThat(context).hasNotFailed();
            Verwerkingsregister register = context.getBean(Verwerkingsregister.class);
            assertThat(register.resource()).isEqualTo("ketenpoort");
            AuditEvent received = new AuditEvent("t", AuditStep.RECEIVED, "m", "Overdracht", "hvht", null, "p-1", null, "OK", null)
                    .voorDoel("nazorg");
            assertThat(register.voor(received).id()).isEqualTo("urn:test:overdracht");
            // without a purpose: by type, since one activity covers every purpose of it
            assertThat(register.voor(new AuditEvent("t", AuditStep.QUEUED, "m", "Verwijzing", "hvht", "transfore", "p-1", null,
                    "OK", null)).id()).isEqualTo("urn:test:verwijzing");
            assertThat(register.voor(new AuditEvent(null, AuditStep.ADMIN_VIEW, "m", "Overdracht", "beheerder:x", null, null,
                    null, "OK", null)).id()).isEqualTo("urn:test:beheer");
            assertThat(register.voor(new AuditEvent(null, AuditStep.AUDIT_EXPORT, null, null, "beheerder:x", null, null,
                    null, "OK", null)).id()).isEqualTo("urn:test:beheer");
            assertThat(register.voor(new AuditEvent(null, AuditStep.CONSENT_REGISTERED, null, null, "hvht", null, "p-1",
                    null, "OK", null)).id()).isEqualTo("urn:test:toestemming");
            assertThat(register.voor(new AuditEvent(null, AuditStep.REJECTED, null, null, "hvht", null, null, null,
                    "SCHEMA_INVALID", null))).isNull();
        });
    }

    @Test
    void aFlowWithTwoActivitiesIsRefused() {
        int n = BerichtType.values().length;
        complete().withPropertyValues(P + "berichten[" + n + "].id=urn:test:tweede", P + "berichten[" + n + "].naam=Tweede",
                        P + "berichten[" + n + "].grondslag=x", P + "berichten[" + n + "].bericht-type=Trajectplan",
                        P + "berichten[" + n + "].doelen=toezicht")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("the flow Trajectplan with purpose toezicht has two activities"));
    }

    @Test
    void anActivityNeedsAnAbsoluteUriANameAndALegalBasis() {
        complete().withPropertyValues(P + "beheer.id=beheer")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be an absolute URI"));
        complete().withPropertyValues(P + "berichten[0].grondslag=")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs a grondslag"));
        complete().withPropertyValues(P + "berichten[0].bericht-type=Onbekend")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("unknown message type Onbekend"));
        complete().withPropertyValues(P + "berichten[0].doelen=vermaak")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("unknown purpose vermaak"));
        assertThat(Arrays.stream(Doel.values()).count()).isEqualTo(4);
    }
}
