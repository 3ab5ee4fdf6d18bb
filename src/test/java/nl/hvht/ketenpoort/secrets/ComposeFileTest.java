package nl.hvht.ketenpoort.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} (the production topology: two gateway nodes behind HAProxy, an Artemis shared-store pair)
 * and {@code docker-compose.single.yml} (one node) against what the prod profile requires, without a Docker engine: for
 * every gateway service the variables {@code application-prod.yml} reads are set (secrets only as
 * {@code ${VAR:?message}}), the files it mounts exist in the repository or are the documented operator-provided ones,
 * only the certificates and keys the gateway needs are mounted, the partner network file is mounted and its
 * certificates resolve, and the admin port is published only on the operator network's address; the nodes of one file
 * differ only in their node id. YAML anchors and merge keys are resolved as compose resolves them.
 */
class ComposeFileTest {

    private static final Path PRODUCTION = Path.of("docker-compose.yml");
    private static final Path SINGLE = Path.of("docker-compose.single.yml");
    private static final List<Path> FILES = List.of(PRODUCTION, SINGLE);
    private static final Path PROD = Path.of("src/main/resources/application-prod.yml");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])?([^}]*)}");
    private static final Set<String> GATEWAY_PKI = Set.of("ca.crt", "gateway-tls.crt", "gateway-tls.key",
            "gateway-signing.crt", "gateway-signing.key");

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    /** The gateway services of a compose file (those that run the prod profile), by name. */
    private static Map<String, Map<String, Object>> gateways(Path compose) throws IOException {
        Map<String, Map<String, Object>> services = at(yaml(compose), "services");
        Map<String, Map<String, Object>> gateways = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            Object environment = service.get("environment");
            if (environment instanceof Map<?, ?> map && "prod".equals(map.get("SPRING_PROFILES_ACTIVE"))) {
                gateways.put(name, service);
            }
        });
        assertThat(gateways).as("gateway services in %s", compose).isNotEmpty();
        return gateways;
    }

    private static List<Map<String, Object>> allGateways() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Path compose : FILES) {
            all.addAll(gateways(compose).values());
        }
        return all;
    }

    /** Variables application-prod.yml needs: its placeholders without a default. */
    private static Set<String> prodVariables() throws IOException {
        Set<String> variables = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(Files.readString(PROD));
        while (m.find()) {
            if (m.group(2) == null) {
                variables.add(m.group(1));
            }
        }
        return variables;
    }

    /** Variables behind the secrets of {@link ProductionSecrets}, as application-prod.yml names them. */
    private static Set<String> secretVariables() throws IOException {
        Set<String> variables = new LinkedHashSet<>();
        for (String line : Files.readAllLines(PROD)) {
            Matcher m = VARIABLE.matcher(line);
            String key = line.strip().split(":", 2)[0];
            boolean secret = ProductionSecrets.SECRETS.stream().anyMatch(s -> s.property().endsWith("." + key));
            if (secret && m.find()) {
                variables.add(m.group(1));
            }
        }
        return variables;
    }

    /** Compose variable substitution with an empty environment ({@code :-} defaults applied). */
    private static String substituted(String value) {
        return VARIABLE.matcher(value).replaceAll(m -> "-".equals(stripColon(m.group(2))) ? Matcher.quoteReplacement(m.group(3)) : "");
    }

    private static String stripColon(String operator) {
        return operator == null ? null : operator.replace(":", "");
    }

    private static Map<String, String> bindMounts(Map<String, Object> gateway) {
        Map<String, String> mounts = new LinkedHashMap<>();
        List<String> volumes = at(gateway, "volumes");
        for (String volume : volumes) {
            String[] parts = substituted(volume).split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }

    @Test
    void everyGatewayGetsEveryVariableTheProdProfileNeeds() throws IOException {
        for (Map<String, Object> gateway : allGateways()) {
            Map<String, Object> environment = at(gateway, "environment");

            assertThat(prodVariables()).isNotEmpty().allSatisfy(variable -> assertThat(environment)
                    .as("the compose file sets %s for the gateway", variable).containsKey(variable));
        }
    }

    @Test
    void theProductionNodesDifferOnlyInTheirNodeIdAndShareOneCluster() throws IOException {
        Map<String, Map<String, Object>> nodes = gateways(PRODUCTION);
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);
        List<Map<String, Object>> environments = new ArrayList<>();
        Set<Object> nodeIds = new LinkedHashSet<>();
        for (Map<String, Object> node : nodes.values()) {
            Map<String, Object> environment = new LinkedHashMap<>(at(node, "environment"));
            nodeIds.add(environment.remove("KETENPOORT_DELIVERY_NODEID"));
            environments.add(environment);
            assertThat(environment).containsEntry("KETENPOORT_CLUSTER_MODE", "shared");
            assertThat((List<String>) at(node, "volumes")).isEqualTo(at(nodes.values().iterator().next(), "volumes"));
            assertThat((List<String>) at(node, "ports")).as("partners reach the nodes only through the balancer")
                    .noneMatch(port -> port.endsWith(":8443"));
        }
        assertThat(nodeIds).as("one node id per node").doesNotContainNull().hasSize(nodes.size());
        assertThat(environments).as("the same configuration on every node").allSatisfy(e -> assertThat(e).isEqualTo(environments.get(0)));
        assertThat(String.valueOf(environments.get(0).get("KETENPOORT_BROKER_URL"))).as("Artemis's HA URL over both brokers")
                .startsWith("(tcp://artemis-primary:61616,tcp://artemis-backup:61616)?ha=true&reconnectAttempts=-1&initialConnectAttempts=5");
        assertThat((List<String>) at(yaml(PRODUCTION), "services", "haproxy", "volumes"))
                .contains("./docker/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        assertThat((Object) at(yaml(SINGLE), "services", "ketenpoort", "environment", "KETENPOORT_CLUSTER_MODE"))
                .as("one node: the default cluster mode, local").isNull();
    }

    @Test
    void everySecretComesFromTheEnvironmentGuardedWithAMessage() throws IOException {
        Set<String> secrets = new LinkedHashSet<>(secretVariables());
        assertThat(secrets).contains("KETENPOORT_AUDIT_PSEUDONYM_KEY", "KETENPOORT_ADMIN_TOTP_SLEUTEL",
                "KETENPOORT_DB_PASSWORD", "KETENPOORT_BROKER_PASSWORD");
        for (Path file : FILES) {
            String compose = Files.readString(file);
            for (Map<String, Object> gateway : gateways(file).values()) {
                Map<String, Object> environment = at(gateway, "environment");
                for (String secret : secrets) {
                    assertThat(String.valueOf(environment.get(secret))).as("%s in the gateway's environment (%s)", secret, file)
                            .matches("\\$\\{" + secret + ":\\?.+}");
                }
            }
            // the brokers' own secret (the pair's cluster password) is guarded the same way
            Set<String> guarded = new LinkedHashSet<>(secrets);
            guarded.add("KETENPOORT_BROKER_CLUSTER_PASSWORD");
            Matcher uses = VARIABLE.matcher(compose);
            while (uses.find()) {
                if (guarded.contains(uses.group(1))) {
                    assertThat(uses.group(2)).as("every use of %s is guarded with :? (no default) in %s", uses.group(1), file).isEqualTo(":?");
                    assertThat(uses.group(3)).as("the message of %s", uses.group(1)).isNotBlank();
                }
            }
            Map<String, Map<String, Object>> services = at(yaml(file), "services");
            List<Object> passwords = new ArrayList<>();
            services.values().stream().map(service -> service.get("environment")).filter(Map.class::isInstance)
                    .map(Map.class::cast).forEach(environment -> {
                        if (environment.containsKey("POSTGRES_PASSWORD")) {
                            passwords.add(environment.get("POSTGRES_PASSWORD"));
                        }
                        if (environment.containsKey("ARTEMIS_PASSWORD")) {
                            passwords.add(environment.get("ARTEMIS_PASSWORD"));
                        }
                    });
            assertThat(passwords).as("database and broker passwords in %s", file).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(password -> assertThat(String.valueOf(password)).matches("\\$\\{KETENPOORT_[A-Z_]+_PASSWORD:\\?.+}"));
        }
        assertThat(Files.readString(PRODUCTION)).contains("--cluster-password ${KETENPOORT_BROKER_CLUSTER_PASSWORD:?");
    }

    @Test
    void mountedFilesAreInTheRepositoryOrDocumentedAsOperatorProvided() throws IOException {
        String pkiSource = substituted("${KETENPOORT_PKI_SOURCE:-./certs-example/out}");
        String production = Files.readString(Path.of("README.md"));
        production = production.substring(production.indexOf("## Production"));
        List<String> operatorProvided = new ArrayList<>();

        for (Map<String, Object> gateway : allGateways()) {
            for (String source : bindMounts(gateway).values()) {
                if (source.startsWith(pkiSource + "/") || source.equals("./target/ketenpoort.jar")) {
                    operatorProvided.add(source);
                } else {
                    assertThat(Path.of(source)).as("mounted %s is in the repository", source).exists();
                }
            }
        }
        assertThat(operatorProvided).isNotEmpty();
        assertThat(production).as("README 'Production' names the operator-provided files")
                .contains("KETENPOORT_PKI_SOURCE", "certs-example/out", "target/ketenpoort.jar");
        for (Path file : FILES) {
            assertThat(Files.readString(file)).contains("./docker/artemis/broker.properties:/var/lib/artemis-instance/etc-override/broker.properties:ro");
        }
        assertThat(Path.of("docker/haproxy/haproxy.cfg")).exists();
    }

    @Test
    void onlyTheCertificatesAndKeysTheGatewayNeedsAreMounted() throws IOException {
        for (Map<String, Object> gateway : allGateways()) {
            onlyTheCertificatesAndKeysTheGatewayNeedsAreMounted(gateway);
        }
    }

    private static void onlyTheCertificatesAndKeysTheGatewayNeedsAreMounted(Map<String, Object> gateway) throws IOException {
        Map<String, Object> environment = at(gateway, "environment");
        String pkiDir = (String) environment.get("KETENPOORT_PKI_DIR");
        Map<String, String> pki = bindMounts(gateway).entrySet().stream().filter(e -> e.getKey().startsWith(pkiDir + "/"))
                .collect(Collectors.toMap(e -> e.getKey().substring(pkiDir.length() + 1), Map.Entry::getValue));
        Set<String> partnerCertificates = network().stream().map(p -> "partners/" + p.get("id") + ".crt").collect(Collectors.toSet());

        Set<String> expected = new LinkedHashSet<>(GATEWAY_PKI);
        expected.addAll(partnerCertificates);
        assertThat(pki.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pki.values()).as("no CA key, no partner's key")
                .filteredOn(source -> source.endsWith(".key"))
                .allSatisfy(source -> assertThat(Path.of(source).getFileName().toString()).isIn("gateway-tls.key", "gateway-signing.key"));
        assertThat(pki).allSatisfy((target, source) -> assertThat(Path.of(source).getFileName()).isEqualTo(Path.of(target).getFileName()));
    }

    @Test
    void thePartnerNetworkIsMountedAndItsCertificatesResolveToMountedFiles() throws IOException {
        for (Map<String, Object> gateway : allGateways()) {
            thePartnerNetworkIsMountedAndItsCertificatesResolveToMountedFiles(gateway);
        }
    }

    private static void thePartnerNetworkIsMountedAndItsCertificatesResolveToMountedFiles(Map<String, Object> gateway) throws IOException {
        Map<String, Object> environment = at(gateway, "environment");
        String location = String.valueOf(environment.get("SPRING_CONFIG_ADDITIONAL_LOCATION")).replaceFirst("^file:", "");
        Map<String, String> mounts = bindMounts(gateway);
        assertThat(mounts).containsEntry(location, "./docker/ketenpoort/partners.yml");
        Map<String, Object> partners = at(yaml(Path.of("docker/ketenpoort/partners.yml")), "ketenpoort", "partners");

        assertThat(String.valueOf(partners.get("gateway-oin"))).matches("\\d{20}");
        assertThat(network()).isNotEmpty().allSatisfy(partner -> {
            String certificate = String.valueOf(partner.get("certificaat")).replaceFirst("^file:", "")
                    .replace("${ketenpoort.pki.dir}", (String) environment.get("KETENPOORT_PKI_DIR"));
            assertThat(mounts).as("certificate of %s is mounted", partner.get("id")).containsKey(certificate);
            assertThat(String.valueOf(partner.get("endpoint"))).startsWith("https://");
            assertThat(String.valueOf(partner.get("oin"))).matches("\\d{20}");
        });
    }

    @Test
    void theAdminPortIsPublishedOnlyOnTheOperatorNetwork() throws IOException {
        for (Map<String, Object> gateway : allGateways()) {
            List<String> ports = at(gateway, "ports");

            assertThat(ports).filteredOn(port -> port.endsWith(":8444"))
                    .singleElement().asString().matches("\\$\\{KETENPOORT_ADMIN_PUBLISH_ADDRESS:\\?.+}:84\\d\\d:8444");
            assertThat(ports).filteredOn(port -> port.endsWith(":8081")).singleElement().asString().matches("127\\.0\\.0\\.1:80\\d\\d:8081");
            assertThat(at(gateway, "environment", "KETENPOORT_ADMIN_ADDRESS").toString()).isEqualTo("0.0.0.0");
        }
        assertThat(gateways(SINGLE).values()).singleElement()
                .satisfies(gateway -> assertThat((List<String>) at(gateway, "ports")).contains("127.0.0.1:8081:8081"));
    }

    private static List<Map<String, Object>> network() throws IOException {
        return at(yaml(Path.of("docker/ketenpoort/partners.yml")), "ketenpoort", "partners", "netwerk");
    }
}
