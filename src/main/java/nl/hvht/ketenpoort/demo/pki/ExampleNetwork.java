package nl.hvht.ketenpoort.demo.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The gateway OIN and partner OINs from a partner file on the classpath
 * ({@code ketenpoort.partners.gateway-oin}, {@code ketenpoort.partners.netwerk[*].id/oin}).
 */
record ExampleNetwork(String gatewayOin, Map<String, String> partnerOinsById) {

    static final String RESOURCE = "partners-example.yml";

    static ExampleNetwork load(String resource) {
        ClassLoader loader = ExampleNetwork.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Classpath resource " + resource + " not found");
            }
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<?, ?> partners = map(map(root, "ketenpoort", resource), "partners", resource);
            Map<String, String> oins = new LinkedHashMap<>();
            if (!(partners.get("netwerk") instanceof List<?> netwerk) || netwerk.isEmpty()) {
                throw new IllegalStateException(resource + ": ketenpoort.partners.netwerk is missing or empty");
            }
            for (Object entry : netwerk) {
                Map<?, ?> partner = entry instanceof Map<?, ?> m ? m : Map.of();
                oins.put(text(partner, "id", resource), text(partner, "oin", resource));
            }
            return new ExampleNetwork(text(partners, "gateway-oin", resource), Collections.unmodifiableMap(oins));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    private static Map<?, ?> map(Object parent, String key, String resource) {
        if (parent instanceof Map<?, ?> m && m.get(key) instanceof Map<?, ?> child) {
            return child;
        }
        throw new IllegalStateException(resource + ": '" + key + "' section is missing");
    }

    private static String text(Map<?, ?> parent, String key, String resource) {
        Object value = parent.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException(resource + ": a partner entry has no '" + key + "'");
        }
        return value.toString();
    }
}
