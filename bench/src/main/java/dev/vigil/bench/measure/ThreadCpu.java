package dev.vigil.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the threads whose names contain a marker (a Kafka Streams application id, a client id): on a
 * shared machine, CPU per event is steadier than events per second, and it shows whether a stage waits or works.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** Sum of the CPU nanoseconds of the live threads named with {@code marker}. */
    static long nanos(String marker) {
        long sum = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(marker)) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                sum += Math.max(cpu, 0);
            }
        }
        return sum;
    }

    /**
     * The CPU nanoseconds of the live threads named with {@code marker}, by thread name with the marker and any
     * UUID taken out ("StreamThread-1", "StreamThread-1-producer", "StateUpdater-1"): which of an application's
     * threads does the work.
     */
    static java.util.Map<String, Long> byThread(String marker) {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(marker)) {
                String name = info.getThreadName().replace(marker, "")
                        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-?", "");
                byName.merge(name, Math.max(THREADS.getThreadCpuTime(info.getThreadId()), 0), Long::sum);
            }
        }
        return byName;
    }

    static long currentThreadNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
