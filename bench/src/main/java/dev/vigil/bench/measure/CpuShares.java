package dev.vigil.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The CPU of a timed run by the kind of thread that spent it (the measured application's threads, its producer's I/O
 * thread, the embedded broker, the load's own client threads), per event: the webhook and its producer baseline run
 * in one JVM with the broker and the load generator, so a rate alone does not say who pays for what.
 */
final class CpuShares {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Thread groups in the order they are reported; a thread belongs to the first whose pattern it matches. */
    private final Map<String, Pattern> groups;
    private final Map<String, Long> before;
    private final long processBefore;
    private final Map<String, Long> vmBefore;

    private CpuShares(Map<String, Pattern> groups) {
        this.groups = groups;
        this.before = snapshot(groups);
        this.processBefore = processNanos();
        this.vmBefore = vmThreads();
    }

    /**
     * Starts measuring. {@code groups} are pairs of a group's name and the pattern of its thread names; threads that
     * match none are counted as {@code other} (the broker's threads are matched here, as {@code broker}).
     */
    static CpuShares start(String... groups) {
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        for (int i = 0; i + 1 < groups.length; i += 2) {
            patterns.put(groups[i], Pattern.compile(groups[i + 1]));
        }
        patterns.put("broker", Pattern.compile("data-plane-kafka|kafka-|quorum-controller|controller-|broker-"
                + "|ExpirationReaper|LogDirFailureHandler|group-coordinator|transaction-|raft-"));
        return new CpuShares(patterns);
    }

    /** CPU microseconds per event of each group since {@link #start}, plus {@code other} and the whole process. */
    Map<String, Double> perEvent(long events) {
        Map<String, Long> after = snapshot(groups);
        Map<String, Double> micros = new LinkedHashMap<>();
        double divisor = Math.max(events, 1) * 1000.0;
        after.forEach((group, nanos) -> micros.put(group, (nanos - before.getOrDefault(group, 0L)) / divisor));
        Map<String, Long> vmAfter = vmThreads();
        vmAfter.forEach((group, nanos) -> micros.put(group, (nanos - vmBefore.getOrDefault(group, 0L)) / divisor));
        micros.put("process", (processNanos() - processBefore) / divisor);
        return micros;
    }

    /**
     * The CPU of the JVM's own threads (not Java threads, so not in the ThreadMXBean): garbage collection and the JIT
     * compilers, from /proc (Linux; nothing elsewhere), in clock ticks of 10 ms.
     */
    private static Map<String, Long> vmThreads() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        nanos.put("gc", 0L);
        nanos.put("jit", 0L);
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
            try {
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                String group = comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
                        ? "gc" : comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "jit" : null;
                if (group != null) {
                    nanos.merge(group, ticks * 10_000_000L, Long::sum);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return nanos;
    }

    /** "requests 12.3, producer I/O 2.0, … µs CPU per event" for a figure's note. */
    static String describe(Map<String, Double> perEvent) {
        StringJoiner parts = new StringJoiner(", ", "CPU per event: ", " µs");
        perEvent.forEach((group, micros) -> parts.add(group + " " + String.format(Locale.ROOT, "%.1f", micros)));
        return parts.toString();
    }

    private static Map<String, Long> snapshot(Map<String, Pattern> groups) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        groups.keySet().forEach(group -> nanos.put(group, 0L));
        nanos.put("other", 0L);
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = Math.max(THREADS.getThreadCpuTime(info.getThreadId()), 0);
            String group = groups.entrySet().stream()
                    .filter(entry -> entry.getValue().matcher(info.getThreadName()).find())
                    .map(Map.Entry::getKey).findFirst().orElse("other");
            nanos.merge(group, cpu, Long::sum);
        }
        return nanos;
    }

    private static long processNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
