package dev.vigil.bench.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Heap in use and resident set size of this JVM, sampled while a measurement runs. */
final class ProcessMemory {

    private final List<Long> heap = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> rss = Collections.synchronizedList(new ArrayList<>());

    void sample() {
        heap.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        rss.add(rssBytes());
    }

    /** Median of the samples of the second half of the run: the steady state, after warm-up. */
    double steadyHeapMiB() {
        return medianOfSecondHalf(heap) / 1048576.0;
    }

    double steadyRssMiB() {
        return medianOfSecondHalf(rss) / 1048576.0;
    }

    double maxHeapMiB() {
        synchronized (heap) {
            return heap.stream().mapToLong(Long::longValue).max().orElse(0) / 1048576.0;
        }
    }

    private static double medianOfSecondHalf(List<Long> samples) {
        List<Long> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples.subList(samples.size() / 2, samples.size()));
        }
        if (copy.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(copy);
        return copy.get(copy.size() / 2);
    }

    /** VmRSS of /proc/self/status (Linux); -1 elsewhere. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
