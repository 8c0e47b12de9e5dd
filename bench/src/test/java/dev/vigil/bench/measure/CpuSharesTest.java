package dev.vigil.bench.measure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CpuSharesTest {

    @Test
    void chargesEachThreadToTheFirstGroupItsNameMatches() throws Exception {
        CpuShares shares = CpuShares.start("busy", "^cpu-shares-busy-", "idle", "^cpu-shares-");
        Thread busy = new Thread(() -> {
            long until = System.nanoTime() + 200_000_000L;
            long sum = 0;
            while (System.nanoTime() < until) {
                sum += System.nanoTime() % 7;
            }
            if (sum == 42) {
                System.out.print("");
            }
        }, "cpu-shares-busy-1");
        busy.start();
        busy.join();

        Map<String, Double> perEvent = shares.perEvent(1000);

        assertThat(perEvent.keySet()).containsExactly("busy", "idle", "broker", "other", "gc", "jit", "process");
        // The thread has ended: its CPU is gone from the JVM's threads, but not from the process's.
        assertThat(perEvent.get("process")).isGreaterThan(10.0);
        assertThat(CpuShares.describe(Map.of("busy", 1.25))).isEqualTo("CPU per event: busy 1.3 µs");
    }

    @Test
    void countsTheCpuOfLiveThreadsPerEvent() throws Exception {
        Object done = new Object();
        Thread busy = new Thread(() -> {
            long until = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            synchronized (done) {
                try {
                    done.wait(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "cpu-shares-busy-2");
        CpuShares shares = CpuShares.start("busy", "^cpu-shares-busy-");
        busy.start();
        while (busy.getState() != Thread.State.WAITING && busy.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }

        Map<String, Double> perEvent = shares.perEvent(1000);
        synchronized (done) {
            done.notifyAll();
        }
        busy.join();

        // 1000 events over the thread's CPU: at least 10 ms of its 200 ms spinning, however loaded the machine
        assertThat(perEvent.get("busy")).isGreaterThan(10.0);
    }
}
