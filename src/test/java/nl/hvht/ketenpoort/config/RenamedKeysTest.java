package nl.hvht.ketenpoort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.hvht.ketenpoort.admin.AdminProperties;
import nl.hvht.ketenpoort.alert.AlertProperties;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentProperties;
import nl.hvht.ketenpoort.delivery.DeliveryProperties;
import nl.hvht.ketenpoort.retention.RetentionProperties;
import nl.hvht.ketenpoort.routing.RoutingProperties;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class RenamedKeysTest {

    private static final String SECRET = "an-old-totp-key-of-at-least-32-characters";

    @Test
    void anOldKeyOnTheCommandLineReachesTheRecordsAndIsReportedWithoutItsValue(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Records.class).web(WebApplicationType.NONE)
                .run("--ketenpoort.demo.generate-certs=false",
                        "--ketenpoort.retentie.inhoud-dagen=45",
                        "--ketenpoort.retentie.periode=2h",
                        "--ketenpoort.delivery.max-handmatige-herkansingen=5",
                        "--ketenpoort.consent.waarschuwing-dagen=14",
                        "--ketenpoort.consent.intrekking-wachttijd=55s",
                        "--ketenpoort.consent.afscherming.verwijzing.weglaatbaar=gezondheid,risico,behandeling",
                        "--ketenpoort.alert.stilteperiode=2h",
                        "--ketenpoort.alert.mail.aan=beheer@example.org",
                        "--ketenpoort.admin.inloggen.max-pogingen=9",
                        "--ketenpoort.admin.inloggen.vorige-totp-sleutels.old=" + SECRET,
                        "--ketenpoort.admin.nieuw.beheerders=jansen:BEHEERDER",
                        "--ketenpoort.routing.antwoorden.typen.Verwijzingsantwoord=Verwijzing,Overdracht")) {

            assertThat(context.getBean(RetentionProperties.class).contentDays()).isEqualTo(45);
            assertThat(context.getBean(RetentionProperties.class).period()).isEqualTo(Duration.ofHours(2));
            assertThat(context.getBean(DeliveryProperties.class).maxManualRetries()).isEqualTo(5);
            ConsentProperties consent = context.getBean(ConsentProperties.class);
            assertThat(consent.expiryWarningDays()).isEqualTo(14);
            assertThat(consent.intrekkingMaxWait()).isEqualTo(Duration.ofSeconds(55));
            assertThat(consent.optionalCategories("Verwijzing"))
                    .isEqualTo(Set.of(Categorie.GEZONDHEID, Categorie.RISICO, Categorie.BEHANDELING));
            // The types not named on the command line keep the file's (new) keys.
            assertThat(consent.optionalCategories("Overdracht")).contains(Categorie.NETWERK);
            assertThat(context.getBean(AlertProperties.class).quietPeriod()).isEqualTo(Duration.ofHours(2));
            assertThat(context.getBean(AlertProperties.class).mail().to()).containsExactly("beheer@example.org");
            AdminProperties admin = context.getBean(AdminProperties.class);
            assertThat(admin.login().maxAttempts()).isEqualTo(9);
            assertThat(admin.login().previousTotpKeys()).containsExactly(Map.entry("old", SECRET));
            assertThat(admin.enrol().admins()).containsExactly("jansen:BEHEERDER");
            assertThat(context.getBean(RoutingProperties.class).answers().types().get("Verwijzingsantwoord"))
                    .containsExactly("Verwijzing", "Overdracht");
        }
        assertThat(output).contains("Configuration key ketenpoort.retentie.inhoud-dagen (set in commandLineArgs) is renamed to"
                + " ketenpoort.retention.content-days; the old key works until the next release");
        assertThat(output).contains("ketenpoort.consent.afscherming.*.weglaatbaar (set in commandLineArgs) is renamed to"
                + " ketenpoort.consent.withholding.*.optional");
        assertThat(output).contains("ketenpoort.admin.inloggen.vorige-totp-sleutels (set in commandLineArgs) is renamed to"
                + " ketenpoort.admin.login.previous-totp-keys");
        assertThat(output).contains("WARN");
        assertThat(output).doesNotContain(SECRET);
    }

    @Test
    void anOldEnvironmentVariableOverridesTheNewKeyOfALowerSource() {
        StandardEnvironment environment = environment(Map.of(
                "KETENPOORT_RETENTIE_INHOUDDAGEN", "60",
                "KETENPOORT_ADMIN_INLOGGEN_VORIGETOTPSLEUTELS_0", SECRET,
                "KETENPOORT_ADMIN_INLOGGEN_TOTPSLEUTELID", "1"));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of(
                "ketenpoort.retention.content-days", "30")));

        new RenamedKeys(LogFactory.getLog(RenamedKeysTest.class)).postProcessEnvironment(environment, null);

        Binder binder = Binder.get(environment);
        assertThat(binder.bind("ketenpoort.retention.content-days", Integer.class).get()).isEqualTo(60);
        assertThat(binder.bind("ketenpoort.admin.login.previous-totp-keys", org.springframework.boot.context.properties.bind
                .Bindable.mapOf(String.class, String.class)).get()).containsExactly(Map.entry("0", SECRET));
        assertThat(binder.bind("ketenpoort.admin.login.totp-key-id", String.class).get()).isEqualTo("1");
        // The renamed values sit right before the source that set the old key: same precedence.
        List<String> order = environment.getPropertySources().stream().map(source -> source.getName()).toList();
        assertThat(order.indexOf(RenamedKeys.SOURCE_PREFIX + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
                .isEqualTo(order.indexOf(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME) - 1);
    }

    @Test
    void aSourceThatSetsBothKeysKeepsItsNewKeyAndAnOldKeyOfALowerSourceLosesToANewKeyAbove() {
        StandardEnvironment environment = environment(Map.of("KETENPOORT_RETENTION_CONTENTDAYS", "90"));
        environment.getPropertySources().addLast(new MapPropertySource("operator.yml", Map.of(
                "ketenpoort.retentie.inhoud-dagen", "10", "ketenpoort.delivery.max-handmatige-herkansingen", "7",
                "ketenpoort.delivery.max-manual-retries", "4")));

        new RenamedKeys(LogFactory.getLog(RenamedKeysTest.class)).postProcessEnvironment(environment, null);

        Binder binder = Binder.get(environment);
        assertThat(binder.bind("ketenpoort.retention.content-days", Integer.class).get()).isEqualTo(90);
        assertThat(binder.bind("ketenpoort.delivery.max-manual-retries", Integer.class).get()).isEqualTo(4);
    }

    @Test
    void aRenameMapsAKeyAndEverythingUnderItKeepingWildcardsAndIndexes() {
        RenamedKeys.Rename prefix = new RenamedKeys.Rename("ketenpoort.admin.nieuw", "ketenpoort.admin.enrol");
        RenamedKeys.Rename wildcard = new RenamedKeys.Rename("ketenpoort.consent.afscherming.*.weglaatbaar",
                "ketenpoort.consent.withholding.*.optional");

        assertThat(prefix.apply(ConfigurationPropertyName.of("ketenpoort.admin.nieuw.beheerders[1]")))
                .isEqualTo("ketenpoort.admin.enrol.beheerders[1]");
        assertThat(prefix.apply(ConfigurationPropertyName.of("ketenpoort.admin.nieuwer"))).isNull();
        assertThat(prefix.apply(ConfigurationPropertyName.of("ketenpoort.admin"))).isNull();
        assertThat(wildcard.apply(ConfigurationPropertyName.of("ketenpoort.consent.afscherming.overdracht.weglaatbaar[2]")))
                .isEqualTo("ketenpoort.consent.withholding.overdracht.optional[2]");
        assertThat(wildcard.apply(ConfigurationPropertyName.of("ketenpoort.consent.afscherming.overdracht.iets"))).isNull();
        assertThatThrownBy(() -> new RenamedKeys.Rename("ketenpoort.a.*", "ketenpoort.b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOldKeyIsMatchedByItsOwnEntryAndNoNewKeyIsRenamedAgain() {
        for (RenamedKeys.Rename rename : RenamedKeys.RENAMES) {
            String concrete = rename.from().replace("*", "x");
            RenamedKeys.Rename first = RenamedKeys.RENAMES.stream()
                    .filter(r -> r.apply(ConfigurationPropertyName.of(concrete)) != null).findFirst().orElseThrow();
            assertThat(first).as(rename.from()).isEqualTo(rename);
            String renamed = rename.to().replace("*", "x");
            assertThat(RenamedKeys.RENAMES.stream().filter(r -> r.apply(ConfigurationPropertyName.of(renamed)) != null).toList())
                    .as(rename.to()).isEmpty();
        }
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RetentionProperties.class, DeliveryProperties.class, ConsentProperties.class,
            AlertProperties.class, AdminProperties.class, RoutingProperties.class})
    static class Records {
    }
}
