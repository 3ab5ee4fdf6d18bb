package nl.hvht.ketenpoort.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartDiagnosisTest {

    @TempDir
    Path dir;

    @Test
    void keepsOnlyTheLastIncarnationsLinesWithoutStackFrames() throws Exception {
        Path log = dir.resolve("gateway.log");
        Files.write(log, List.of(
                "=== crash suite: incarnation 1 spawned at t1",
                "old line",
                "=== crash suite: incarnation 1 killed (SIGKILL) at t2",
                "=== crash suite: incarnation 2 spawned at t3",
                "2026 WARN 1 --- something slow",
                "java.lang.IllegalStateException: boom",
                "\tat nl.hvht.ketenpoort.Some.method(Some.java:1)",
                "\t... 14 common frames omitted",
                "",
                "x".repeat(400)));

        List<String> lines = StartDiagnosis.incarnationLines(log, 2);

        assertThat(lines).hasSize(4).doesNotContain("old line");
        assertThat(lines.get(0)).startsWith("=== crash suite: incarnation 2 spawned");
        assertThat(lines.get(2)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(lines.get(3)).hasSize(302).endsWith(" …");
    }

    @Test
    void findsTheMainThreadInADump() {
        List<String> dump = List.of(
                "Full thread dump OpenJDK 64-Bit Server VM",
                "\"Reference Handler\" #2 daemon prio=10",
                "\tat java.lang.ref.Reference.waitForReferencePendingList(Native Method)",
                "",
                "\"main\" #1 prio=5 os_prio=0 cpu=2000ms",
                "   java.lang.Thread.State: WAITING (parking)",
                "\tat jdk.internal.misc.Unsafe.park(Native Method)",
                "",
                "\"knooppunt-hartslag\" #40 daemon",
                "\tat java.lang.Thread.sleep(Native Method)");

        assertThat(StartDiagnosis.mainThread(dump)).containsExactly(
                "\"main\" #1 prio=5 os_prio=0 cpu=2000ms",
                "java.lang.Thread.State: WAITING (parking)",
                "at jdk.internal.misc.Unsafe.park(Native Method)");
    }

    @Test
    void saysSoWhenStartUpHasFinished() {
        assertThat(StartDiagnosis.mainThread(List.of("\"DestroyJavaVM\" #80 prio=5"))).singleElement()
                .asString().contains("start-up has finished");
    }
}
