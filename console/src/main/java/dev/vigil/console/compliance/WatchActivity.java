package dev.vigil.console.compliance;

import dev.vigil.console.topics.RecentRecords;
import dev.vigil.console.topics.TopicUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the cluster watch delivered anything for a cluster: records keyed {@code <cluster>/…} in
 * {@code k8s.watch.events} since a time. Watch state is not indexed, so this reads the newest records of the topic
 * (bounded) and remembers the answer briefly; a cluster whose watch is off, or a Kafka that does not answer, counts
 * as not seen — never as clean.
 */
public class WatchActivity {

    /** Newest records read per partition: a running watch writes pod updates all the time. */
    static final int MAX_PER_PARTITION = 2000;
    private static final Duration REMEMBER = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(WatchActivity.class);

    private record Answer(boolean seen, Instant since, Instant at) {
    }

    private final RecentRecords records;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public WatchActivity(RecentRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** No watch at all (no Kafka in this role): nothing is ever seen. */
    static WatchActivity none() {
        return new WatchActivity(null, Clock.systemUTC()) {
            @Override
            public boolean seen(String cluster, Instant since) {
                return false;
            }
        };
    }

    /** Whether the watch wrote a record of {@code cluster} (of any cluster when null) since {@code since}. */
    public boolean seen(String cluster, Instant since) {
        String key = cluster == null ? "" : cluster;
        Instant now = clock.instant();
        Answer known = answers.get(key);
        if (known != null && known.at().plus(REMEMBER).isAfter(now) && !since.isBefore(known.since())) {
            return known.seen();
        }
        boolean seen;
        try {
            seen = records.read(since, MAX_PER_PARTITION).records().stream()
                    .anyMatch(record -> cluster == null || (record.key() != null && record.key().startsWith(cluster + "/")));
        } catch (TopicUnavailableException e) {
            LOG.debug("Cannot tell whether the watch runs: {}", e.getMessage());
            return false;
        }
        answers.put(key, new Answer(seen, since, now));
        return seen;
    }
}
