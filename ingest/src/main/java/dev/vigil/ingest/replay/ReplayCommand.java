package dev.vigil.ingest.replay;

import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.IngestProducer;
import dev.vigil.ingest.kafka.ProducerTuning;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil replay FILE…}: sends audit log files into {@code k8s.audit.events} without Spring — for back-filling
 * from the API server's file backend, or for tailing it live with {@code --follow}. Streams every file in constant
 * memory and ends with a summary; rejected items go to the dead-letter topic.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Sends audit log files to Kafka (k8s.audit.events): JSON lines (the API server's file backend), "
                + "gzip of them, an EventList document or a JSON array, or a managed cloud's export (--format). Events "
                + "without auditID get a stable derived id; items that are not valid events go to the dead-letter "
                + "topic with their line.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every readable event reached Kafka (rejected items are in the DLQ)",
                "1:nothing could be sent, or Kafka failed on the way (see the summary)",
                "2:invalid arguments"})
public final class ReplayCommand implements Callable<Integer> {

    /** Replay is not bound by the API server's 30 s: give Kafka longer before declaring it unavailable. */
    static final ProducerTuning TUNING = new ProducerTuning(ProducerTuning.Compression.ZSTD, Duration.ofMillis(20),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10), null, null);
    private static final Duration POLL = Duration.ofMillis(250);

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audit log files (.gz is detected by content).")
    List<Path> files;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Cluster name recorded with every event (default: the cluster a managed cloud's payload "
                    + "names, else local).")
    String cluster;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = ReplayFormat.AUTO,
            description = "What the files hold: native (the API server's audit log, EventLists), cloudwatch (EKS: "
                    + "CloudWatch Logs subscription payloads, Logs Insights JSON, get-log-events output), or auto: "
                    + "the first readable item of each file decides (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:VIGIL_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: $VIGIL_KAFKA_BOOTSTRAP_SERVERS or the local 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.AUDIT, description = "Audit topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = Topics.DLQ,
            description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
    String dlqTopic;

    @Option(names = {"-f", "--follow"},
            description = "Keep reading the (single) FILE as it grows, across rotation and truncation, until Ctrl-C.")
    boolean follow;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Extra Kafka client property (security.protocol, sasl.*, ssl.* …); repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "10000",
            description = "Records sent but not yet acknowledged, at most (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Spec
    CommandSpec spec;

    /** Ends a running {@code --follow}: requested by the shutdown hook (Ctrl-C), or by a test. */
    final StopSignal stop = new StopSignal();

    /** Picocli instantiates it; {@code vigil} registers it as a subcommand. */
    public ReplayCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReplayStats stats = new ReplayStats();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = follow ? stopOnShutdown(stop, finished) : null;
        try {
            try (IngestProducer producer = new IngestProducer(new KafkaClientSettings(bootstrapServers, kafkaProperties),
                    TUNING, "vigil-replay", null)) {
                DeadLetterWriter deadLetters = new DeadLetterWriter(producer, dlqTopic);
                Replayer replayer = new Replayer(new AuditRecordWriter(producer, topic, deadLetters), deadLetters,
                        ReplayFormat.named(format).orElseThrow(), cluster, stats, maxInFlight);
                Progress progress = System.console() != null ? Progress.terminal(err) : Progress.plain(err, 5_000);
                if (follow) {
                    follow(files.get(0), replayer, progress, stats, stop);
                } else {
                    for (Path file : files) {
                        if (!replayFile(file, replayer, progress, stats)) {
                            break;
                        }
                    }
                }
                producer.flush();
                if (!replayer.awaitInFlight(TUNING.deliveryTimeout().plusSeconds(5))) {
                    stats.failed(new IllegalStateException("records still unacknowledged at the end"));
                }
                progress.finish();
            }
            stats.print(out, topic, dlqTopic);
            return stats.exitCode();
        } finally {
            finished.countDown();
            if (hook != null) {
                removeHook(hook);
            }
        }
    }

    private void validate() {
        if (ReplayFormat.named(format).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--format '" + format + "' is none of "
                    + String.join(", ", ReplayFormat.names()));
        }
        if (cluster != null && !cluster.matches(IngestProperties.CLUSTER_NAME)) {
            throw new ParameterException(spec.commandLine(), "--cluster '" + cluster + "' is not a valid cluster name");
        }
        if (follow && files.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--follow takes exactly one FILE");
        }
        if (maxInFlight < 1) {
            throw new ParameterException(spec.commandLine(), "--max-in-flight must be at least 1");
        }
    }

    /** @return false when Kafka failed and the remaining files should not be tried */
    private static boolean replayFile(Path file, Replayer replayer, Progress progress, ReplayStats stats)
            throws InterruptedException {
        String name = String.valueOf(file.getFileName());
        try {
            long size = Files.size(file);
            try (CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
                 AuditFileReader reader = AuditFileReader.of(counting, name)) {
                return replayer.replay(reader, name, () -> progress.update(stats, name, counting::count, size));
            }
        } catch (IOException | UncheckedIOException e) {
            stats.fileError("cannot read " + file + ": " + e.getMessage());
            return true;
        }
    }

    /** Reads generation after generation of a live file until a stop is requested or Kafka fails. */
    private static void follow(Path file, Replayer replayer, Progress progress, ReplayStats stats, StopSignal stop)
            throws InterruptedException {
        String name = String.valueOf(file.getFileName());
        while (!stop.requested()) {
            try (FollowingInputStream in = FollowingInputStream.open(file, POLL, stop)) {
                if (in == null) {
                    return;
                }
                try (AuditFileReader reader = AuditFileReader.of(in, name)) {
                    if (!replayer.replay(reader, name, () -> progress.update(stats, name, () -> 0, -1))) {
                        return;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                stats.fileError("cannot read " + file + ": " + e.getMessage());
                return;
            }
        }
    }

    /** Ctrl-C ends a follow cleanly: the current records are acknowledged and the summary printed. */
    private static Thread stopOnShutdown(StopSignal stop, CountDownLatch finished) {
        Thread hook = new Thread(() -> {
            stop.request();
            try {
                finished.await(TUNING.deliveryTimeout().toSeconds() + 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it only waits for this method's caller to finish.
        }
    }
}
