package nl.hvht.ketenpoort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table has one owning package, and only that package holds SQL for it (README, "Tables and their owners"). A
 * source-text check: a main class outside the owner that names the table after {@code from}, {@code join},
 * {@code into}, {@code update} or {@code delete from} fails it, and so does a table created by a migration that has no
 * owner here.
 */
class TableOwnershipTest {

    private static final Path MAIN = Path.of("src/main/java/nl/hvht/ketenpoort");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Table → owning package (below {@code nl.hvht.ketenpoort}). */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("bericht", "delivery"),
            Map.entry("bezorging", "delivery"),
            Map.entry("ontvangstbewijs", "delivery"),
            Map.entry("audit_record", "audit"),
            Map.entry("audit_keten_kop", "audit"),
            Map.entry("audit_controlepunt", "audit"),
            Map.entry("toestemmingsverklaring", "consent"),
            Map.entry("toestemmingsversie", "consent"),
            Map.entry("toestemming_bepaling", "consent"),
            Map.entry("toestemming_bepaling_waarde", "consent"),
            Map.entry("toestemmingsbesluit", "consent"),
            Map.entry("deelnemer_mijlpaal", "consent"),
            Map.entry("doorbraak", "consent"),
            Map.entry("beheerder", "admin"),
            Map.entry("incident", "alert"),
            Map.entry("storing_reeks", "alert"),
            Map.entry("inlog_poging", "admin"),
            Map.entry("shedlock", "cluster"),
            Map.entry("knooppunt", "cluster"));

    private static final Pattern CREATE = Pattern.compile("(?i)\\bcreate\\s+table\\s+(\\w+)");
    private static final Pattern DROP = Pattern.compile("(?i)\\bdrop\\s+table\\s+(?:if\\s+exists\\s+)?(\\w+)");

    @Test
    void everyTableOfTheMigrationsHasAnOwner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            List<Path> sql = files.filter(p -> p.toString().endsWith(".sql")).sorted(TableOwnershipTest::byVersion).toList();
            for (Path file : sql) {
                String text = Files.readString(file);
                CREATE.matcher(text).results().forEach(m -> tables.add(m.group(1).toLowerCase(Locale.ROOT)));
                DROP.matcher(text).results().forEach(m -> tables.remove(m.group(1).toLowerCase(Locale.ROOT)));
            }
        }
        assertThat(tables).isNotEmpty();
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void onlyTheOwnerHoldsSqlForATable() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String feature = MAIN.relativize(file).getName(0).toString();
                String text = Files.readString(file);
                OWNERS.forEach((table, owner) -> {
                    Matcher m = Pattern.compile("(?i)\\b(?:from|join|into|update|delete\\s+from)\\s+" + table + "\\b")
                            .matcher(text);
                    if (m.find() && !feature.equals(owner)) {
                        offences.add(MAIN.relativize(file) + ": " + m.group() + " (owner: " + owner + ")");
                    }
                });
            }
        }
        assertThat(offences).as("SQL outside the owning package").isEmpty();
    }

    @Test
    void theCheckSeesSqlOutsideItsOwner() {
        Pattern p = Pattern.compile("(?i)\\b(?:from|join|into|update|delete\\s+from)\\s+bezorging\\b");
        assertThat(p.matcher("select 1 from bezorging z where").find()).isTrue();
        assertThat(p.matcher("\"update  BEZORGING set\"").find()).isTrue();
        assertThat(p.matcher("from bezorging_status").find()).isFalse();
    }

    private static int byVersion(Path a, Path b) {
        return version(a).compareTo(version(b));
    }

    /** V2_1__x.sql sorts after V2__y.sql and before V3. */
    private static java.math.BigDecimal version(Path file) {
        String name = file.getFileName().toString();
        return new java.math.BigDecimal(name.substring(1, name.indexOf("__")).replace('_', '.'));
    }
}
