package nl.hvht.ketenpoort.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;

class PartnerRegistryTest {

    private static final String GATEWAY_OIN = "00000001900000000000";
    private static final String HVHT_OIN = "00000001900000001000";
    private static final String ENSCHEDE_OIN = "00000001900000008000";

    /** hvht and gemeente-enschede with their example certificates, plus the given properties. */
    private static String[] twoPartners(String... extra) {
        java.util.List<String> properties = new java.util.ArrayList<>(java.util.List.of(
                "ketenpoort.partners.gateway-oin=" + GATEWAY_OIN,
                "ketenpoort.partners.netwerk[0].id=hvht",
                "ketenpoort.partners.netwerk[0].naam=HvHT",
                "ketenpoort.partners.netwerk[0].oin=" + HVHT_OIN,
                "ketenpoort.partners.netwerk[0].soort=DJI",
                "ketenpoort.partners.netwerk[0].endpoint=https://localhost/hvht",
                "ketenpoort.partners.netwerk[0].certificaat=file:" + TestPki.cert("hvht"),
                "ketenpoort.partners.netwerk[1].id=gemeente-enschede",
                "ketenpoort.partners.netwerk[1].naam=Enschede",
                "ketenpoort.partners.netwerk[1].oin=" + ENSCHEDE_OIN,
                "ketenpoort.partners.netwerk[1].soort=GEMEENTE",
                "ketenpoort.partners.netwerk[1].endpoint=https://localhost/enschede",
                "ketenpoort.partners.netwerk[1].certificaat=file:" + TestPki.cert("gemeente-enschede")));
        properties.addAll(java.util.List.of(extra));
        return properties.toArray(String[]::new);
    }

    @Test
    void loadsPartnersAndFindsThemByIdAndOin() {
        PartnerRegistry registry = new PartnerRegistry(new PartnerProperties(GATEWAY_OIN,
                List.of(entry("hvht", HVHT_OIN, PartnerSoort.DJI), entry("gemeente-enschede", ENSCHEDE_OIN, PartnerSoort.GEMEENTE))));

        assertThat(registry.byId("gemeente-enschede")).get().extracting(Partner::oin).isEqualTo(ENSCHEDE_OIN);
        assertThat(registry.byOin(HVHT_OIN)).get().extracting(Partner::id).isEqualTo("hvht");
        assertThat(registry.byId("gemeente-amsterdam")).isEmpty();
        assertThat(registry.all()).extracting(Partner::id).containsExactly("hvht", "gemeente-enschede");
    }

    @Test
    void refusesADuplicateId() {
        assertThatThrownBy(() -> new PartnerRegistry(new PartnerProperties(GATEWAY_OIN,
                List.of(entry("hvht", HVHT_OIN, PartnerSoort.DJI), entry("hvht", HVHT_OIN, PartnerSoort.DJI)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'hvht' is configured twice");
    }

    @Test
    void refusesACertificateWhoseOinIsNotTheConfiguredOne() {
        PartnerProperties.Entry wrong = new PartnerProperties.Entry("hvht", "HvHT", ENSCHEDE_OIN, PartnerSoort.DJI,
                URI.create("https://localhost/hvht"), new FileSystemResource(TestPki.cert("hvht")));
        assertThatThrownBy(() -> new PartnerRegistry(new PartnerProperties(GATEWAY_OIN, List.of(wrong))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("certificate of partner 'hvht' carries OIN " + HVHT_OIN);
    }

    @Test
    void refusesAPlainHttpEndpointAndAMissingCertificate() {
        PartnerProperties.Entry http = new PartnerProperties.Entry("hvht", "HvHT", HVHT_OIN, PartnerSoort.DJI,
                URI.create("http://localhost/hvht"), new FileSystemResource(TestPki.cert("hvht")));
        assertThatThrownBy(() -> new PartnerRegistry(new PartnerProperties(GATEWAY_OIN, List.of(http))))
                .hasMessageContaining("endpoint of partner 'hvht' must be https");
        PartnerProperties.Entry missing = new PartnerProperties.Entry("hvht", "HvHT", HVHT_OIN, PartnerSoort.DJI,
                URI.create("https://localhost/hvht"), new FileSystemResource("/nonexistent/hvht.crt"));
        assertThatThrownBy(() -> new PartnerRegistry(new PartnerProperties(GATEWAY_OIN, List.of(missing))))
                .hasMessageContaining("certificate of partner 'hvht'").hasMessageContaining("cannot be read");
    }

    @Test
    void ondertekeningVerplichtIsBoundPerPartnerAndDefaultsToFalse() {
        new ApplicationContextRunner()
                .withUserConfiguration(Bind.class)
                .withBean(PartnerRegistry.class)
                .withPropertyValues(twoPartners("ketenpoort.partners.netwerk[1].ondertekening-verplicht=true"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PartnerRegistry registry = context.getBean(PartnerRegistry.class);
                    assertThat(registry.ondertekeningVerplicht("gemeente-enschede")).isTrue();
                    assertThat(registry.ondertekeningVerplicht("hvht")).isFalse();
                    assertThat(registry.ondertekeningVerplicht("onbekend")).isFalse();
                });
    }

    @Test
    void retourberichtenIsBoundPerPartnerAndDefaultsToFalse() {
        new ApplicationContextRunner()
                .withUserConfiguration(Bind.class)
                .withBean(PartnerRegistry.class)
                .withPropertyValues(twoPartners("ketenpoort.partners.netwerk[0].retourberichten=true"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PartnerRegistry registry = context.getBean(PartnerRegistry.class);
                    assertThat(registry.retourberichten("hvht")).isTrue();
                    assertThat(registry.retourberichten("gemeente-enschede")).isFalse();
                    assertThat(registry.retourberichten("onbekend")).isFalse();
                });
    }

    @Test
    void thePartnerIdOfTheGatewayItselfIsRefused() {
        PartnerProperties.Entry gateway = new PartnerProperties.Entry(PartnerRegistry.GATEWAY_ID, "Ketenpoort", HVHT_OIN,
                PartnerSoort.DJI, URI.create("https://localhost/hvht"), new FileSystemResource(TestPki.cert("hvht")));
        assertThatThrownBy(() -> new PartnerRegistry(new PartnerProperties(GATEWAY_OIN, List.of(gateway))))
                .hasMessageContaining("partner id 'ketenpoort' is the gateway's own");
    }

    @Test
    void versleutelingIsBoundPerPartnerDefaultsToGeenAndIsCheckedAgainstTheCertificate() {
        String[] network = twoPartners("ketenpoort.partners.netwerk[1].versleuteling=AUTH_ENVELOPED_AES_GCM");
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class)
                .withBean(PartnerRegistry.class).withPropertyValues(network);
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            PartnerRegistry registry = context.getBean(PartnerRegistry.class);
            assertThat(registry.versleuteling("gemeente-enschede")).isEqualTo(Versleuteling.AUTH_ENVELOPED_AES_GCM);
            assertThat(registry.versleuteling("hvht")).isEqualTo(Versleuteling.GEEN);
            assertThat(registry.versleuteling("onbekend")).isEqualTo(Versleuteling.GEEN);
        });
        runner.withPropertyValues("ketenpoort.partners.netwerk[1].versleuteling=AES").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void bezorgingDefaultsToPushAndOphalenNeedsNoEndpoint() {
        new ApplicationContextRunner().withUserConfiguration(Bind.class).withBean(PartnerRegistry.class)
                .withPropertyValues(withoutEnschedeEndpoint("ketenpoort.partners.netwerk[1].bezorging=ophalen"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PartnerRegistry registry = context.getBean(PartnerRegistry.class);
                    assertThat(registry.bezorging("gemeente-enschede")).isEqualTo(Bezorging.OPHALEN);
                    assertThat(registry.byId("gemeente-enschede")).get().extracting(Partner::endpoint).isNull();
                    assertThat(registry.bezorging("hvht")).isEqualTo(Bezorging.PUSH);
                    assertThat(registry.bezorging("onbekend")).isEqualTo(Bezorging.PUSH);
                });
    }

    @Test
    void anEndpointWithOphalenOrNoEndpointWithPushStopsStartUp() {
        new ApplicationContextRunner().withUserConfiguration(Bind.class).withBean(PartnerRegistry.class)
                .withPropertyValues(twoPartners("ketenpoort.partners.netwerk[1].bezorging=ophalen"))
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("partner 'gemeente-enschede' has bezorging: ophalen and an endpoint"));
        new ApplicationContextRunner().withUserConfiguration(Bind.class).withBean(PartnerRegistry.class)
                .withPropertyValues(withoutEnschedeEndpoint())
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("partner 'gemeente-enschede' has no endpoint"));
        new ApplicationContextRunner().withUserConfiguration(Bind.class).withBean(PartnerRegistry.class)
                .withPropertyValues(withoutEnschedeEndpoint("ketenpoort.partners.netwerk[1].bezorging=afhalen"))
                .run(context -> assertThat(context).hasFailed());
    }

    private static String[] withoutEnschedeEndpoint(String... extra) {
        return java.util.Arrays.stream(twoPartners(extra)).filter(p -> !p.startsWith("ketenpoort.partners.netwerk[1].endpoint="))
                .toArray(String[]::new);
    }

    @Test
    void invalidConfigurationStopsStartUpWithAClearMessage() {
        new ApplicationContextRunner()
                .withUserConfiguration(Bind.class)
                .withPropertyValues("ketenpoort.partners.gateway-oin=" + GATEWAY_OIN,
                        "ketenpoort.partners.netwerk[0].id=Gemeente Enschede",
                        "ketenpoort.partners.netwerk[0].naam=Gemeente Enschede",
                        "ketenpoort.partners.netwerk[0].oin=123",
                        "ketenpoort.partners.netwerk[0].soort=GEMEENTE",
                        "ketenpoort.partners.netwerk[0].endpoint=https://localhost/x",
                        "ketenpoort.partners.netwerk[0].certificaat=file:" + TestPki.cert("gemeente-enschede"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("ketenpoort.partners.netwerk[0].id")
                            .hasMessageContaining("ketenpoort.partners.netwerk[0].oin");
                });
    }

    private static PartnerProperties.Entry entry(String id, String oin, PartnerSoort kind) {
        return new PartnerProperties.Entry(id, id, oin, kind, URI.create("https://localhost/" + id),
                new FileSystemResource(TestPki.cert(id)));
    }

    @Configuration
    @EnableConfigurationProperties(PartnerProperties.class)
    static class Bind {
    }
}
