package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.attoparser.AbstractMarkupHandler;
import org.attoparser.MarkupParser;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.junit.jupiter.api.Test;

/**
 * No console template shows text that is not from the bundles: every visible text node sits in an element whose content
 * Thymeleaf replaces ({@code th:text}, {@code th:utext}, {@code th:replace}, {@code th:insert}, or inside one), and the
 * attributes a user sees or hears ({@code title}, {@code aria-label}, {@code placeholder}, {@code alt}) come only as
 * {@code th:} attributes. Parsed with Thymeleaf's own parser (AttoParser). The printable disclosure report
 * ({@code templates/consent}) is a Dutch document of the consent package, also served on the partner API: not a console page.
 */
class TemplateTextTest {

    private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert");
    private static final Set<String> SPOKEN = Set.of("title", "aria-label", "placeholder", "alt");
    private static final Set<String> NOT_SHOWN = Set.of("script", "style");

    @Test
    void everyVisibleTextOfEveryConsoleTemplateComesFromTheBundle() throws ParseException {
        List<String> findings = new ArrayList<>();
        for (Path template : MessageBundlesTest.templates()) {
            findings.addAll(literals(template.getFileName().toString(), MessageBundlesTest.read(template)));
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void theCheckFindsLiteralTextAndAttributes() throws ParseException {
        String page = """
                <div><p th:text="#{a.b}">replaced</p><p>Hallo</p>
                <a href="/x" title="Uitleg" th:aria-label="#{c.d}"><span th:replace="~{x :: y}">weg</span></a>
                <input name="q" placeholder="Zoek"><script>var tekst = 'niet zichtbaar';</script></div>""";
        assertThat(literals("voorbeeld.html", page)).containsExactly("voorbeeld.html:1: text 'Hallo'",
                "voorbeeld.html:2: attribute title=\"Uitleg\"", "voorbeeld.html:3: attribute placeholder=\"Zoek\"");
    }

    /** What a template shows that Thymeleaf does not replace, as {@code file:line: ...}. */
    static List<String> literals(String name, String html) throws ParseException {
        List<String> findings = new ArrayList<>();
        Deque<Boolean> replaced = new ArrayDeque<>();
        replaced.push(false);
        new MarkupParser(ParseConfiguration.htmlConfiguration()).parse(new StringReader(html), new AbstractMarkupHandler() {

            private void open(char[] buffer, int offset, int len) {
                String element = new String(buffer, offset, len).toLowerCase();
                replaced.push(replaced.peek() || NOT_SHOWN.contains(element));
            }

            private void close() {
                if (replaced.size() > 1) {
                    replaced.pop();
                }
            }

            @Override
            public void handleOpenElementStart(char[] buffer, int offset, int len, int line, int col) {
                open(buffer, offset, len);
            }

            @Override
            public void handleStandaloneElementStart(char[] buffer, int offset, int len, boolean minimized, int line, int col) {
                open(buffer, offset, len);
            }

            @Override
            public void handleStandaloneElementEnd(char[] buffer, int offset, int len, boolean minimized, int line, int col) {
                close();
            }

            @Override
            public void handleCloseElementStart(char[] buffer, int offset, int len, int line, int col) {
                close();
            }

            @Override
            public void handleAutoCloseElementStart(char[] buffer, int offset, int len, int line, int col) {
                close();
            }

            @Override
            public void handleAttribute(char[] buffer, int nameOffset, int nameLen, int nameLine, int nameCol, int operatorOffset,
                    int operatorLen, int operatorLine, int operatorCol, int valueContentOffset, int valueContentLen, int valueOuterOffset,
                    int valueOuterLen, int valueLine, int valueCol) {
                String attribute = new String(buffer, nameOffset, nameLen).toLowerCase();
                if (REPLACING.contains(attribute)) {
                    replaced.pop();
                    replaced.push(true);
                }
                if (SPOKEN.contains(attribute)) {
                    findings.add(name + ":" + nameLine + ": attribute " + attribute + "=\""
                            + new String(buffer, valueContentOffset, valueContentLen) + "\"");
                }
            }

            @Override
            public void handleText(char[] buffer, int offset, int len, int line, int col) {
                String text = new String(buffer, offset, len).strip();
                if (!text.isEmpty() && !replaced.peek()) {
                    findings.add(name + ":" + line + ": text '" + text + "'");
                }
            }
        });
        return findings;
    }
}
