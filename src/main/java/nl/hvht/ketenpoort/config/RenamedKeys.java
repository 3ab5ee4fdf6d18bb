package nl.hvht.ketenpoort.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Configuration keys renamed to the glossary (README "Glossary", "Renamed configuration keys"): an old key still works
 * for one release. Runs right after the configuration files are read; for every property source (files, environment
 * variables in any relaxed form, system properties, command line) that sets an old key, the value is put under the new
 * key in a source just before it, so it keeps that source's precedence. A source that sets both keeps its new key.
 * Each old key found is logged once at WARN with where it was set and its new name; never its value (it may be a
 * secret).
 *
 * <p>Spring Boot's {@code spring-boot-properties-migrator} does the same from configuration metadata, but is meant to
 * be removed once an application is migrated and reports only after the context has started; this table is the one
 * place the renames are listed, and it goes in the next release.
 *
 * <p>A rename maps a key and everything under it; a {@code *} segment matches any one segment (a map key or a list
 * index) and is kept. The first matching entry wins, so a more specific entry comes before its parent's.
 */
public class RenamedKeys implements EnvironmentPostProcessor, Ordered {

    /** Old key (or pattern) to new key, in the order they are tried. */
    static final List<Rename> RENAMES = List.of(
            new Rename("ketenpoort.retentie.inhoud-dagen", "ketenpoort.retention.content-days"),
            new Rename("ketenpoort.retentie.audit-jaren", "ketenpoort.retention.audit-years"),
            new Rename("ketenpoort.retentie.periode", "ketenpoort.retention.period"),
            new Rename("ketenpoort.retentie.batch", "ketenpoort.retention.batch-size"),
            new Rename("ketenpoort.retentie", "ketenpoort.retention"),
            new Rename("ketenpoort.routing.antwoorden.typen", "ketenpoort.routing.answers.types"),
            new Rename("ketenpoort.routing.antwoorden.grond", "ketenpoort.routing.answers.grondslag"),
            new Rename("ketenpoort.routing.antwoorden", "ketenpoort.routing.answers"),
            new Rename("ketenpoort.delivery.max-handmatige-herkansingen", "ketenpoort.delivery.max-manual-retries"),
            new Rename("ketenpoort.consent.intrekking-wachttijd", "ketenpoort.consent.intrekking-max-wait"),
            new Rename("ketenpoort.consent.waarschuwing-dagen", "ketenpoort.consent.expiry-warning-days"),
            new Rename("ketenpoort.consent.afscherming.*.weglaatbaar", "ketenpoort.consent.withholding.*.optional"),
            new Rename("ketenpoort.consent.afscherming", "ketenpoort.consent.withholding"),
            new Rename("ketenpoort.alert.opeenvolgende-fouten", "ketenpoort.alert.consecutive-failures"),
            new Rename("ketenpoort.alert.max-leeftijd-onbezorgd", "ketenpoort.alert.max-undelivered-age"),
            new Rename("ketenpoort.alert.stilteperiode", "ketenpoort.alert.quiet-period"),
            new Rename("ketenpoort.alert.mail.van", "ketenpoort.alert.mail.from"),
            new Rename("ketenpoort.alert.mail.aan", "ketenpoort.alert.mail.to"),
            new Rename("ketenpoort.admin.inloggen.totp-sleutel", "ketenpoort.admin.login.totp-key"),
            new Rename("ketenpoort.admin.inloggen.totp-sleutel-id", "ketenpoort.admin.login.totp-key-id"),
            new Rename("ketenpoort.admin.inloggen.vorige-totp-sleutels", "ketenpoort.admin.login.previous-totp-keys"),
            new Rename("ketenpoort.admin.inloggen.totp-uitgever", "ketenpoort.admin.login.totp-issuer"),
            new Rename("ketenpoort.admin.inloggen.max-pogingen", "ketenpoort.admin.login.max-attempts"),
            new Rename("ketenpoort.admin.inloggen.max-pogingen-per-adres", "ketenpoort.admin.login.max-attempts-per-address"),
            new Rename("ketenpoort.admin.inloggen.vertraging", "ketenpoort.admin.login.delay"),
            new Rename("ketenpoort.admin.inloggen.blokkade", "ketenpoort.admin.login.lockout"),
            new Rename("ketenpoort.admin.inloggen", "ketenpoort.admin.login"),
            new Rename("ketenpoort.admin.nieuw.beheerders", "ketenpoort.admin.enrol.admins"),
            new Rename("ketenpoort.admin.nieuw.bestand", "ketenpoort.admin.enrol.file"),
            new Rename("ketenpoort.admin.nieuw", "ketenpoort.admin.enrol"));

    static final String SOURCE_PREFIX = "renamed-keys:";

    private final Log log;

    public RenamedKeys(DeferredLogFactory logs) {
        this.log = logs.getLog(RenamedKeys.class);
    }

    RenamedKeys(Log log) {
        this.log = log;
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        for (PropertySource<?> source : List.copyOf(sources.stream().toList())) {
            Map<String, Object> renamed = renamed(source);
            if (!renamed.isEmpty()) {
                sources.addBefore(source.getName(), new MapPropertySource(SOURCE_PREFIX + source.getName(), renamed));
            }
        }
    }

    /** The values of old keys in this source under their new names (empty if it sets none). */
    Map<String, Object> renamed(PropertySource<?> source) {
        if (source.getName().startsWith(SOURCE_PREFIX) || source.getName().equals("configurationProperties")) {
            return Map.of();
        }
        ConfigurationPropertySource adapted = ConfigurationPropertySource.from(source);
        if (!(adapted instanceof IterableConfigurationPropertySource iterable)) {
            return Map.of();
        }
        Map<String, Object> renamed = new LinkedHashMap<>();
        List<String> reported = new ArrayList<>();
        for (ConfigurationPropertyName name : iterable) {
            for (Rename rename : RENAMES) {
                String target = rename.apply(name);
                if (target == null) {
                    continue;
                }
                ConfigurationProperty property = iterable.getConfigurationProperty(name);
                ConfigurationPropertyName targetName = ConfigurationPropertyName.ofIfValid(target);
                if (property != null && (targetName == null || iterable.getConfigurationProperty(targetName) == null)) {
                    renamed.putIfAbsent(target, property.getValue());
                    if (!reported.contains(rename.from())) {
                        reported.add(rename.from());
                        log.warn("Configuration key " + rename.from() + " (set in " + source.getName() + ") is renamed to "
                                + rename.to() + "; the old key works until the next release");
                    }
                }
                break;
            }
        }
        return renamed;
    }

    /**
     * One rename: {@code from} and {@code to} in the canonical dashed form, with the same number of {@code *} segments.
     */
    record Rename(String from, String to) {

        Rename {
            if (from.split("\\.").length < 2 || count(from) != count(to)) {
                throw new IllegalArgumentException("rename " + from + " -> " + to + ": same wildcards on both sides");
            }
        }

        /** The new key for {@code name}, or null if this rename does not match it. */
        String apply(ConfigurationPropertyName name) {
            String[] pattern = from.split("\\.");
            if (name.getNumberOfElements() < pattern.length) {
                return null;
            }
            List<String> wildcards = new ArrayList<>();
            for (int i = 0; i < pattern.length; i++) {
                if (pattern[i].equals("*")) {
                    wildcards.add(element(name, i));
                } else if (indexed(name, i) || !name.getElement(i, Form.UNIFORM).equals(pattern[i].replace("-", ""))) {
                    return null;
                }
            }
            StringBuilder target = new StringBuilder();
            int next = 0;
            for (String part : to.split("\\.")) {
                target.append(target.isEmpty() ? "" : ".").append(part.equals("*") ? wildcards.get(next++) : part);
            }
            for (int i = pattern.length; i < name.getNumberOfElements(); i++) {
                target.append(indexed(name, i) ? "" : ".").append(element(name, i));
            }
            return target.toString().replace(".[", "[");
        }

        private static String element(ConfigurationPropertyName name, int i) {
            String element = name.getElement(i, Form.ORIGINAL);
            return indexed(name, i) ? "[" + element + "]" : element;
        }

        private static boolean indexed(ConfigurationPropertyName name, int i) {
            return name.chop(i + 1).isLastElementIndexed();
        }

        private static long count(String key) {
            return key.chars().filter(c -> c == '*').count();
        }
    }
}
