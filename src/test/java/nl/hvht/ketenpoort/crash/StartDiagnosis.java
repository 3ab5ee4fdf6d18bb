package nl.hvht.ketenpoort.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Why an incarnation that is still running did not become ready in time, for the test's output (a CI run keeps
 * nothing else): the readiness probe's answer (which component is not UP), the incarnation's warnings and errors and
 * its last log lines (stack frames left out), and the stack of its {@code main} thread (a start-up that hangs), from a
 * thread dump ({@code jcmd Thread.print}) that is kept whole next to the log.
 */
final class StartDiagnosis {

    private static final int LAST_LINES = 15;
    private static final int MAX_WARNINGS = 25;
    private static final int MAX_FRAMES = 40;
    private static final int MAX_LINE = 300;

    private StartDiagnosis() {
    }

    static String of(Path log, int incarnation, String readiness, long pid) {
        StringBuilder text = new StringBuilder("incarnation " + incarnation + " (pid " + pid + ") is running but not ready")
                .append(System.lineSeparator()).append("readiness: ").append(readiness).append(System.lineSeparator());
        List<String> lines = incarnationLines(log, incarnation);
        List<String> warnings = lines.stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
        section(text, "warnings and errors (" + warnings.size() + ")",
                warnings.subList(Math.max(0, warnings.size() - MAX_WARNINGS), warnings.size()));
        section(text, "last log lines", lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()));
        Path dump = log.resolveSibling(log.getFileName().toString().replace(".log", "") + "-incarnation-" + incarnation
                + "-threads.txt");
        section(text, "main thread (whole dump: " + dump + ")", mainThread(threadDump(pid, dump)));
        return text.toString();
    }

    /** The log lines of this incarnation, without stack frames, each cut to a readable length. */
    static List<String> incarnationLines(Path log, int incarnation) {
        List<String> all;
        try {
            all = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getClass().getSimpleName() + ")");
        }
        String marker = "=== crash suite: incarnation " + incarnation + " spawned";
        int from = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).startsWith(marker)) {
                from = i;
                break;
            }
        }
        return all.subList(from, all.size()).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("\tat ") && !line.startsWith("\t..."))
                .map(line -> line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " …" : line)
                .toList();
    }

    /** The frames of the thread named {@code main} in a {@code jcmd Thread.print} dump. */
    static List<String> mainThread(List<String> dump) {
        List<String> frames = new ArrayList<>();
        boolean in = false;
        for (String line : dump) {
            if (line.startsWith("\"")) {
                in = line.startsWith("\"main\" ");
            }
            if (in && !line.isBlank() && frames.size() < MAX_FRAMES) {
                frames.add(line.strip());
            }
        }
        return frames.isEmpty() ? List.of("(no main thread in the dump: start-up has finished)") : frames;
    }

    private static List<String> threadDump(long pid, Path file) {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of("(jcmd did not answer within 30 s)");
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(no thread dump: " + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("(interrupted)");
        }
    }

    private static void section(StringBuilder text, String title, List<String> lines) {
        text.append("-- ").append(title).append(System.lineSeparator());
        lines.forEach(line -> text.append("   ").append(line).append(System.lineSeparator()));
    }
}
