package nl.hvht.ketenpoort.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's reading of the kernel's CPU accounting: the JIT compiler threads' part of a JVM. */
class ProcessCpuTest {

    @Test
    void findsTheCompilerThreadsOfThisJvmWithinItsCpu() {
        long pid = ProcessHandle.current().pid();

        double compiler = ProcessCpu.compilerMillis(pid);
        double process = ProcessCpu.millis(pid);

        // By the time JUnit runs a test, C1 and C2 have compiled thousands of methods of this JVM.
        assertThat(compiler).isPositive();
        assertThat(compiler).isLessThanOrEqualTo(process);
    }

    @Test
    void aProcessThatIsGoneHasNone() {
        assertThat(ProcessCpu.compilerMillis(Long.MAX_VALUE)).isZero();
    }
}
