package dev.vigil.bench.workload;

import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One day of a busy, well-run cluster's audit log: nothing in it is an attack or a mistake, so every alert the rule
 * pack raises on it is noise (see docs/noise.md). The control plane, kubelets, add-ons and GitOps work all day;
 * people and CI only between 06:00 and 20:00 UTC. {@code eventsPerDay} events are spread evenly over the day from
 * {@code dayStart}; the same seed, start and size always give the same events.
 */
public final class BenignDay implements Iterator<ObjectNode> {

    public static final long DEFAULT_SEED = 0xDA7_0F_B0_5E5L;
    public static final Instant DEFAULT_DAY = Instant.parse("2026-11-23T00:00:00Z");

    private final SplittableRandom random;
    private final Instant dayStart;
    private final long eventsPerDay;
    private final long nanosPerEvent;
    private final List<BenignActivity> machines;
    private final List<BenignActivity> all;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long index;

    public BenignDay(long seed, Instant dayStart, long eventsPerDay) {
        if (eventsPerDay <= 0) {
            throw new IllegalArgumentException("eventsPerDay must be positive: " + eventsPerDay);
        }
        this.random = new SplittableRandom(seed);
        this.dayStart = dayStart;
        this.eventsPerDay = eventsPerDay;
        this.nanosPerEvent = Duration.ofDays(1).toNanos() / eventsPerDay;
        List<BenignActivity> activities = new ArrayList<>();
        activities.addAll(new ControlPlaneCalls(random).activities());
        activities.addAll(new AddOnCalls(random).activities());
        activities.addAll(new PeopleCalls(random).activities());
        this.all = List.copyOf(activities);
        this.machines = all.stream().filter(a -> !a.officeHours()).toList();
    }

    /** Endless: after {@code eventsPerDay} events the next day begins. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public ObjectNode next() {
        Instant at = dayStart.plusNanos(nanosPerEvent * (index % eventsPerDay))
                .plus(Duration.ofDays(index / eventsPerDay));
        index++;
        int hour = at.atZone(ZoneOffset.UTC).getHour();
        BenignActivity activity = pick(hour >= 6 && hour < 20 ? all : machines);
        counts.merge(activity.name(), 1L, Long::sum);
        return activity.make().event(ClusterShape.uuid(random), at);
    }

    /** How many events each activity produced so far, in the order the activities are declared. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    private BenignActivity pick(List<BenignActivity> activities) {
        int total = 0;
        for (BenignActivity activity : activities) {
            total += activity.weight();
        }
        int draw = random.nextInt(total);
        for (BenignActivity activity : activities) {
            draw -= activity.weight();
            if (draw < 0) {
                return activity;
            }
        }
        throw new IllegalStateException("draw out of range");
    }
}
