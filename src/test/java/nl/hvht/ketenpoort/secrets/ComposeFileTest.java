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
 * {@code docker-compose.yml} against what the prod profile requires, without a Docker engine: the variables
 * {@code application-prod.yml} reads are set (secrets only as {@code ${VAR:?message}}), the files it mounts exist in the
 * repository or are the documented operator-provided ones, only the certificates and keys the gateway needs are
 * mounted, the partner network file is mounted and its certificates resolve, and the admin port is published only on
 * the operator network's address.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
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

    private static Map<String, Object> gateway() throws IOException {
        return at(yaml(COMPOSE), "services", "ketenpoort");
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

    private static Map<String, String> bindMounts() throws IOException {
        Map<String, String> mounts = new LinkedHashMap<>();
        List<String> volumes = at(gateway(), "volumes");
        for (String volume : volumes) {
            String[] parts = substituted(volume).split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }

    @Test
    void theGatewayGetsEveryVariableTheProdProfileNeeds() throws IOException {
        Map<String, Object> environment = at(gateway(), "environment");

        assertThat(prodVariables()).isNotEmpty().allSatisfy(variable -> assertThat(environment)
                .as("docker-compose.yml sets %s for the gateway", variable).containsKey(variable));
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
    }

    @Test
    void everySecretComesFromTheEnvironmentGuardedWithAMessage() throws IOException {
        String compose = Files.readString(COMPOSE);
        Set<String> secrets = secretVariables();
        assertThat(secrets).contains("KETENPOORT_AUDIT_PSEUDONYM_KEY", "KETENPOORT_ADMIN_TOTP_SLEUTEL",
                "KETENPOORT_DB_PASSWORD", "KETENPOORT_BROKER_PASSWORD");
        Map<String, Object> environment = at(gateway(), "environment");

        for (String secret : secrets) {
            assertThat(String.valueOf(environment.get(secret))).as("%s in the gateway's environment", secret)
                    .matches("\\$\\{" + secret + ":\\?.+}");
            Matcher uses = VARIABLE.matcher(compose);
            while (uses.find()) {
                if (uses.group(1).equals(secret)) {
                    assertThat(uses.group(2)).as("every use of %s is guarded with :? (no default)", secret).isEqualTo(":?");
                    assertThat(uses.group(3)).as("the message of %s", secret).isNotBlank();
                }
            }
        }
        List<String> passwords = List.of(at(yaml(COMPOSE), "services", "postgres", "environment", "POSTGRES_PASSWORD"),
                at(yaml(COMPOSE), "services", "artemis", "environment", "ARTEMIS_PASSWORD"));
        assertThat(passwords).allSatisfy(password -> assertThat(password).matches("\\$\\{KETENPOORT_[A-Z_]+_PASSWORD:\\?.+}"));
    }

    @Test
    void mountedFilesAreInTheRepositoryOrDocumentedAsOperatorProvided() throws IOException {
        String pkiSource = substituted("${KETENPOORT_PKI_SOURCE:-./certs-example/out}");
        String production = Files.readString(Path.of("README.md"));
        production = production.substring(production.indexOf("## Production"));
        List<String> operatorProvided = new ArrayList<>();

        for (String source : bindMounts().values()) {
            if (source.startsWith(pkiSource + "/") || source.equals("./target/ketenpoort.jar")) {
                operatorProvided.add(source);
            } else {
                assertThat(Path.of(source)).as("mounted %s is in the repository", source).exists();
            }
        }
        assertThat(operatorProvided).isNotEmpty();
        assertThat(production).as("README 'Production' names the operator-provided files")
                .contains("KETENPOORT_PKI_SOURCE", "certs-example/out", "target/ketenpoort.jar");
        assertThat(Files.readString(COMPOSE)).contains("./docker/artemis/broker.properties:/var/lib/artemis-instance/etc-override/broker.properties:ro");
    }

    @Test
    void onlyTheCertificatesAndKeysTheGatewayNeedsAreMounted() throws IOException {
        Map<String, Object> environment = at(gateway(), "environment");
        String pkiDir = (String) environment.get("KETENPOORT_PKI_DIR");
        Map<String, String> pki = bindMounts().entrySet().stream().filter(e -> e.getKey().startsWith(pkiDir + "/"))
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
        Map<String, Object> environment = at(gateway(), "environment");
        String location = String.valueOf(environment.get("SPRING_CONFIG_ADDITIONAL_LOCATION")).replaceFirst("^file:", "");
        Map<String, String> mounts = bindMounts();
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
        Map<String, Object> gateway = gateway();
        List<String> ports = at(gateway, "ports");

        assertThat(ports).filteredOn(port -> port.endsWith(":8444"))
                .singleElement().asString().matches("\\$\\{KETENPOORT_ADMIN_PUBLISH_ADDRESS:\\?.+}:8444:8444");
        assertThat(ports).filteredOn(port -> port.endsWith(":8081")).containsExactly("127.0.0.1:8081:8081");
        assertThat(at(gateway, "environment", "KETENPOORT_ADMIN_ADDRESS").toString()).isEqualTo("0.0.0.0");
    }

    private static List<Map<String, Object>> network() throws IOException {
        return at(yaml(Path.of("docker/ketenpoort/partners.yml")), "ketenpoort", "partners", "netwerk");
    }
}
