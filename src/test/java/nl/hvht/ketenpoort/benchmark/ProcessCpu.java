package nl.hvht.ketenpoort.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of processes from the kernel's own accounting: {@code /proc/<pid>/stat} fields utime, stime (the process,
 * all its threads) and cutime, cstime (its children that have exited and were waited for), in clock ticks.
 */
final class ProcessCpu {

    private static final double MILLIS_PER_TICK = 1000.0 / ticksPerSecond();
    // Indexes into what stat(pid) returns.
    private static final int PPID = 0;
    private static final int UTIME = 1;
    private static final int STIME = 2;
    private static final int CUTIME = 3;
    private static final int CSTIME = 4;

    private ProcessCpu() {
    }

    /** User + system CPU milliseconds of one process so far; 0 when it has gone. */
    static double millis(long pid) {
        long[] stat = stat(pid);
        return stat == null ? 0 : (stat[UTIME] + stat[STIME]) * MILLIS_PER_TICK;
    }

    /**
     * CPU milliseconds of a whole PostgreSQL server: the postmaster named in {@code postmaster.pid}, its backends and
     * background workers still running, and (through the postmaster's cutime/cstime) those that have ended.
     */
    static double postgresMillis(Path dataDirectory) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + dataDirectory, e);
        }
        long[] own = stat(postmaster);
        if (own == null) {
            throw new IllegalStateException("the postmaster " + postmaster + " is not running");
        }
        long ticks = own[UTIME] + own[STIME] + own[CUTIME] + own[CSTIME];
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] child = stat(Long.parseLong(name));
                if (child != null && child[PPID] == postmaster) {
                    ticks += child[UTIME] + child[STIME] + child[CUTIME] + child[CSTIME];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return ticks * MILLIS_PER_TICK;
    }

    /** ppid, utime, stime, cutime, cstime; null when the process has gone. */
    private static long[] stat(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
        // Fields after the command name (which may hold spaces and parentheses): index 0 is field 3 (state).
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14])};
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
