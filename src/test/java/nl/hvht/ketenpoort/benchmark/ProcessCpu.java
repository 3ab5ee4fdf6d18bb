package nl.hvht.ketenpoort.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * CPU milliseconds so far of the JIT compiler threads of JVM {@code pid}: its tasks named {@code C1 CompilerThread*}
     * or {@code C2 CompilerThread*} ({@code /proc/<pid>/task/<tid>/comm}, cut to 15 characters by the kernel). The JVM
     * starts and stops compiler threads as the queue needs them; one that ended takes its CPU with it, so a difference
     * of two readings can be too low, never too high.
     */
    static double compilerMillis(long pid) {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        long[] stat = parse(Files.readString(task.resolve("stat")));
                        ticks += stat[UTIME] + stat[STIME];
                    }
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * MILLIS_PER_TICK;
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

    /**
     * CPU milliseconds of the processes whose command line names {@code directory} (for the gateway's own PostgreSQL:
     * its {@code data/postgres}, which the postmaster gets as {@code -D}), with every descendant of theirs still
     * running (backends rename themselves, so they are found by parent) and, through cutime/cstime, those that have
     * ended. A relative mention ({@code -D data/postgres}) counts when the process runs in the directory's
     * grandparent (the gateway's working directory) or in the directory itself. {@code exclude} (the gateway JVM,
     * measured on its own) is never counted. 0 when there are none (the jar on H2, or before its PostgreSQL
     * started). {@code count[0]}, when given, receives how many processes were summed.
     */
    static double commandLineMillis(Path directory, long exclude, int[] count) {
        Path absolute = directory.toAbsolutePath().normalize();
        Set<String> names = new HashSet<>(List.of(absolute.toString()));
        try {
            names.add(absolute.toRealPath().toString());
        } catch (IOException e) {
            // not there (yet): the absolute path only
        }
        Path owner = absolute.getParent() == null ? null : absolute.getParent().getParent();
        String relative = owner == null ? null : owner.relativize(absolute).toString();
        // Where such a process runs: the gateway's working directory, or (the postmaster changes to it) the directory.
        Set<Path> owners = new HashSet<>();
        for (Path place : owner == null ? List.of(absolute) : List.of(owner, absolute)) {
            owners.add(place);
            try {
                owners.add(place.toRealPath());
            } catch (IOException e) {
                // the absolute path only
            }
        }
        Map<Long, long[]> stats = new HashMap<>();
        Map<Long, List<Long>> children = new HashMap<>();
        Deque<Long> pending = new ArrayDeque<>();
        for (long pid : pids()) {
            long[] stat = stat(pid);
            if (stat == null) {
                continue;
            }
            stats.put(pid, stat);
            children.computeIfAbsent(stat[PPID], p -> new ArrayList<>()).add(pid);
            String commandLine = commandLine(pid);
            boolean named = names.stream().anyMatch(commandLine::contains)
                    || relative != null && commandLine.contains(relative) && owners.contains(cwd(pid));
            if (named && pid != exclude) {
                pending.add(pid);
            }
        }
        Set<Long> seen = new HashSet<>();
        long ticks = 0;
        while (!pending.isEmpty()) {
            long pid = pending.poll();
            if (pid == exclude || !seen.add(pid)) {
                continue;
            }
            long[] stat = stats.get(pid);
            ticks += stat[UTIME] + stat[STIME] + stat[CUTIME] + stat[CSTIME];
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        if (count != null && count.length > 0) {
            count[0] = seen.size();
        }
        return ticks * MILLIS_PER_TICK;
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return pids;
    }

    /** {@code /proc/<pid>/cmdline} with its NULs as spaces; empty when unreadable or gone. */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static Path cwd(long pid) {
        try {
            return Path.of("/proc", Long.toString(pid), "cwd").toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** ppid, utime, stime, cutime, cstime; null when the process has gone. */
    private static long[] stat(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return null;
        }
    }

    /** ppid, utime, stime, cutime, cstime of a process's or thread's {@code stat} line. */
    private static long[] parse(String stat) {
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
