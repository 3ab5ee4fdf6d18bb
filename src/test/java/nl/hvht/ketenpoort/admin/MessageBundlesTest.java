package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.VerificationResult;
import nl.hvht.ketenpoort.problem.AdminCode;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentLog;
import nl.hvht.ketenpoort.consent.Doorbraak;
import nl.hvht.ketenpoort.consent.Mijlpalen;
import nl.hvht.ketenpoort.delivery.DiscardCode;
import nl.hvht.ketenpoort.delivery.DeliveryStatus;
import org.junit.jupiter.api.Test;

/**
 * The console's two bundles: the same keys in Dutch and English, every key the templates and the admin code use present,
 * a word for every code the pages show, and texts that MessageFormat and DateTimeFormatter read as meant.
 */
class MessageBundlesTest {

    static final Path RESOURCES = Path.of("src", "main", "resources");
    static final Path TEMPLATES = RESOURCES.resolve("templates").resolve("beheer");
    static final Properties NL = load("messages.properties");
    static final Properties EN = load("messages_en.properties");

    /** English texts that are the same word in Dutch (checked: not forgotten translations). */
    static final Set<String> SAME_IN_BOTH = Set.of("taal.nl", "taal.en", "nav.dashboard", "nav.audit", "dashboard.titel",
            "dashboard.partner", "audit.titel", "berichten.status", "tweedestap.code", "bericht.bewijs.oin",
            "bericht.bewijs.download", "bericht.moment", "dashboard.grafiek");

    @Test
    void everyDutchKeyHasAnEnglishTextAndTheOtherWayRound() {
        assertThat(difference(NL, EN)).as("in messages.properties, missing in messages_en.properties").isEmpty();
        assertThat(difference(EN, NL)).as("in messages_en.properties, missing in messages.properties").isEmpty();
        assertThat(keys(EN)).allSatisfy(key -> assertThat(EN.getProperty(key)).as(key).isNotBlank());
    }

    @Test
    void englishTextsAreTranslatedNotCopied() {
        Set<String> copied = new TreeSet<>();
        for (String key : keys(NL)) {
            if (NL.getProperty(key).equals(EN.getProperty(key)) && !SAME_IN_BOTH.contains(key)) {
                copied.add(key);
            }
        }
        assertThat(copied).isEmpty();
        assertThat(NL.getProperty("app.taal")).isEqualTo("nl");
        assertThat(EN.getProperty("app.taal")).isEqualTo("en");
    }

    @Test
    void everyKeyTheTemplatesUseIsInBothBundles() {
        Set<String> used = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        Pattern literalKey = Pattern.compile("#\\{([a-z][\\w.]*)\\s*[}(]");
        Pattern dynamicKey = Pattern.compile("#\\{\\s*'([a-z][\\w.]*\\.)'\\s*\\+");
        Pattern msgCall = Pattern.compile("#messages\\.msg\\('([a-z][\\w.]*)'(\\s*\\+)?");
        for (Path template : templates()) {
            String html = read(template);
            literalKey.matcher(html).results().forEach(m -> used.add(m.group(1)));
            dynamicKey.matcher(html).results().forEach(m -> prefixes.add(m.group(1)));
            msgCall.matcher(html).results().forEach(m -> (m.group(2) == null ? used : prefixes).add(m.group(1)));
        }
        assertThat(used).as("keys found in the templates").hasSizeGreaterThan(150);
        assertThat(used).allSatisfy(key -> {
            assertThat(NL).as("messages.properties").containsKey(key);
            assertThat(EN).as("messages_en.properties").containsKey(key);
        });
        // a key built at run time ('dashboard.venster.' + v): its words are checked in everyCodeTheConsoleShowsHasAWord
        assertThat(prefixes).isNotEmpty().allSatisfy(prefix ->
                assertThat(keys(NL)).as(prefix).anySatisfy(key -> assertThat(key).startsWith(prefix)));
    }

    @Test
    void everyKeyTheAdminCodeUsesIsInBothBundles() throws IOException {
        Pattern melding = Pattern.compile("meldingen\\.(?:ok|fout)\\(flash, \"([a-z][\\w.]*)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src", "main", "java", "nl", "hvht", "ketenpoort", "admin"))) {
            sources.filter(p -> p.toString().endsWith(".java"))
                    .forEach(source -> melding.matcher(read(source)).results().forEach(m -> used.add(m.group(1))));
        }
        assertThat(used).hasSizeGreaterThanOrEqualTo(5).allSatisfy(key -> {
            assertThat(NL).containsKey(key);
            assertThat(EN).containsKey(key);
        });
    }

    @Test
    void everyCodeTheConsoleShowsHasAWord() {
        Map<String, List<String>> codes = Map.ofEntries(
                Map.entry("status.", names(DeliveryStatus.values())),
                Map.entry("reden.", names(ConsentDecision.DenialReason.values())),
                Map.entry("fase.", names(ConsentLog.Phase.values())),
                Map.entry("uitkomst.", List.of("ALLOWED", "DENIED")),
                Map.entry("stap.", names(AuditStep.values())),
                Map.entry("doorbraak.", names(Doorbraak.Status.values())),
                Map.entry("mijlpaal.", names(Mijlpalen.Soort.values())),
                Map.entry("probleem.", java.util.stream.Stream.concat(names(RejectionCode.values()).stream(),
                        names(AdminCode.values()).stream()).toList()),
                Map.entry("dodebrieven.afvoercode.", names(DiscardCode.values())),
                Map.entry("audit.probleem.", names(VerificationResult.Problem.values())),
                Map.entry("dashboard.venster.", Arrays.stream(DashboardQueries.Venster.values()).map(v -> v.name().toLowerCase()).toList()),
                Map.entry("dashboard.toestand.", List.of("ok", "herhaling", "storing")),
                Map.entry("taal.", LanguageChoice.TALEN.stream().map(l -> l.getLanguage()).toList()));
        codes.forEach((prefix, values) -> assertThat(values).allSatisfy(code -> {
            assertThat(NL).containsKey(prefix + code);
            assertThat(EN).containsKey(prefix + code);
        }));
    }

    @Test
    void theDutchProblemTitlesAreTheApiTitlesWordForWord() {
        assertThat(java.util.stream.Stream.concat(Arrays.stream(RejectionCode.values()), Arrays.stream(AdminCode.values())))
                .allSatisfy(code -> assertThat(NL.getProperty("probleem." + code.name())).isEqualTo(code.title()));
    }

    @Test
    void textsWithArgumentsAreValidMessageFormatsAndTheDateFormatsParse() {
        Pattern argument = Pattern.compile("\\{\\d+}");
        Pattern loneApostrophe = Pattern.compile("(?<!')'(?!')");
        for (Properties bundle : List.of(NL, EN)) {
            for (String key : keys(bundle)) {
                String text = bundle.getProperty(key);
                if (argument.matcher(text).find()) {
                    // MessageFormat would swallow a single apostrophe (and everything up to the next one)
                    assertThat(loneApostrophe.matcher(text).find()).as(key + " has a lone ' (write '')").isFalse();
                    assertThat(new java.text.MessageFormat(text).format(new Object[] {"a", "b", "c", "d"})).doesNotContain("{");
                }
            }
            for (String key : List.of("formaat.moment", "formaat.datum")) {
                assertThat(DateTimeFormatter.ofPattern(bundle.getProperty(key))).as(key).isNotNull();
            }
        }
    }

    static List<Path> templates() {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            List<Path> templates = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
            assertThat(templates).hasSizeGreaterThanOrEqualTo(10);
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static Set<String> keys(Properties bundle) {
        return new TreeSet<>(bundle.stringPropertyNames());
    }

    private static Set<String> difference(Properties a, Properties b) {
        Set<String> missing = keys(a);
        missing.removeAll(keys(b));
        return missing;
    }

    private static Properties load(String name) {
        Properties bundle = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            bundle.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundle;
    }
}
