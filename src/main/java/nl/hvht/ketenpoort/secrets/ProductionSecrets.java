package nl.hvht.ketenpoort.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.hvht.ketenpoort.secrets.Secret.Use;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The {@code prod} profile starts only with every secret set explicitly: checked as a bean factory post-processor, so
 * before any bean exists (no connection to the database or the broker is tried with a missing password). Every problem
 * is reported at once, as {@link UnsafeSecretsException}; the report names the settings, never a value.
 *
 * <p>A demo value is any value the shipped {@code application.yml} gives the setting, in any of its documents.
 */
@Component
@Profile("prod")
class ProductionSecrets implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private static final Secret PSEUDONYM_KEY = Secret.required("ketenpoort.audit.pseudonym-key", Use.KEY);
    private static final Secret TOTP_KEY = Secret.required("ketenpoort.admin.login.totp-key", Use.KEY);

    /** Every secret of the gateway. A new secret setting joins this list. */
    static final List<Secret> SECRETS = List.of(
            PSEUDONYM_KEY,
            TOTP_KEY,
            Secret.required("spring.datasource.password", Use.PASSWORD),
            Secret.required("spring.artemis.password", Use.PASSWORD),
            Secret.optional("ketenpoort.alert.webhook.token", Use.PASSWORD));

    /**
     * Settings that hold earlier keys by key id (a key rotation keeps them; optional), each with the secret it rotates:
     * every entry that is set is checked as that secret is (its demo values, its strength, different from every other
     * secret: a previous key equal to the current one is no rotation). A new rotatable secret joins this list.
     */
    static final List<PreviousKeys> PREVIOUS_KEYS = List.of(
            new PreviousKeys("ketenpoort.audit.previous-pseudonym-keys", PSEUDONYM_KEY),
            new PreviousKeys("ketenpoort.admin.login.previous-totp-keys", TOTP_KEY));

    /** A map setting {@code <property>.<keyId>} of earlier values of {@code rotates}. */
    record PreviousKeys(String property, Secret rotates) {
    }

    private static final String DEMO_CONFIGURATION = "application.yml";

    private Environment environment;

    /** Given by the context before the factory is post-processed (too early for constructor injection). */
    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(Binder.get(environment), demoValues());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * @param configuration the configuration as the feature records will be bound from
     * @param demoValues    per setting the values the demo run gives it
     * @throws UnsafeSecretsException naming every setting that is missing, a demo value, too weak or shared
     */
    static void check(Binder configuration, Map<String, Set<String>> demoValues) {
        List<String> problems = new ArrayList<>();
        Map<String, String> firstWithValue = new HashMap<>();
        for (Secret secret : SECRETS) {
            String value = configuration.bind(secret.property(), String.class).orElse(null);
            check(secret, value, demoValues.getOrDefault(secret.property(), Set.of()), problems, firstWithValue);
        }
        for (PreviousKeys previous : PREVIOUS_KEYS) {
            Map<String, String> byId = new TreeMap<>(
                    configuration.bind(previous.property(), Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
            byId.forEach((id, value) -> check(Secret.optional(previous.property() + "." + id, previous.rotates().use()), value,
                    demoValues.getOrDefault(previous.rotates().property(), Set.of()), problems, firstWithValue));
        }
        if (!problems.isEmpty()) {
            throw new UnsafeSecretsException(problems);
        }
    }

    /** Adds what is wrong with one secret's value, or that another secret has the same value. */
    private static void check(Secret secret, String value, Set<String> demoValues, List<String> problems,
            Map<String, String> firstWithValue) {
        secret.problem(value, demoValues).ifPresentOrElse(problem -> problems.add(secret.property() + " " + problem), () -> {
            if (value != null) {
                String other = firstWithValue.putIfAbsent(value, secret.property());
                if (other != null) {
                    problems.add(secret.property() + " is the same as " + other + ": every secret must be its own");
                }
            }
        });
    }

    /** The values {@code application.yml} (the demo run's configuration, on the class path) gives each secret. */
    static Map<String, Set<String>> demoValues() {
        List<PropertySource<?>> documents;
        try {
            documents = new YamlPropertySourceLoader().load(DEMO_CONFIGURATION, new ClassPathResource(DEMO_CONFIGURATION));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEMO_CONFIGURATION + " from the class path", e);
        }
        return SECRETS.stream().collect(Collectors.toMap(Secret::property, secret -> documents.stream()
                .map(document -> new Binder(ConfigurationPropertySources.from(document)))
                .flatMap(binder -> binder.bind(secret.property(), String.class).map(Stream::of).orElseGet(Stream::empty))
                .collect(Collectors.toUnmodifiableSet())));
    }
}
