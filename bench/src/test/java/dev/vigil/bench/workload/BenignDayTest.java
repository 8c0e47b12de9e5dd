package dev.vigil.bench.workload;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BenignDayTest {

    /** The fixture of streams' noise test, made by {@link BenignCorpusWriter} (bench runs with its module as cwd). */
    private static final Path FIXTURE = Path.of("../streams/src/test/resources/noise/busy-cluster-day.jsonl.gz");

    @Test
    void theSameSeedGivesTheSameDay() {
        BenignDay one = new BenignDay(3, BenignDay.DEFAULT_DAY, 1_000);
        BenignDay again = new BenignDay(3, BenignDay.DEFAULT_DAY, 1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(again.next()).isEqualTo(one.next());
        }
    }

    @Test
    void everyEventIsAValidAuditEventOfTheDayAndEveryActivityAppears() {
        int events = BenignCorpusWriter.FIXTURE_EVENTS;
        BenignDay day = new BenignDay(BenignDay.DEFAULT_SEED, BenignDay.DEFAULT_DAY, events);
        Set<String> ids = new HashSet<>();
        Instant end = BenignDay.DEFAULT_DAY.plusSeconds(86_400);
        for (int i = 0; i < events; i++) {
            ObjectNode event = day.next();
            Decoded<AuditRecord> record = AuditRecordCodec.decode(AuditRecordCodec.encode(event, "test", Instant.EPOCH));
            assertThat(record.isOk()).as("%s", event).isTrue();
            assertThat(ids.add(record.value().event().auditID())).isTrue();
            assertThat(record.value().event().eventTime()).isBetween(BenignDay.DEFAULT_DAY, end);
            assertThat(event.path("user").path("username").asString()).isNotBlank();
            assertThat(event.path("userAgent").asString()).isNotBlank();
        }
        List<String> activities = activityNames();
        assertThat(day.counts().keySet()).containsExactlyInAnyOrderElementsOf(activities);
    }

    @Test
    void peopleWorkOnlyInOfficeHours() {
        BenignDay day = new BenignDay(BenignDay.DEFAULT_SEED, BenignDay.DEFAULT_DAY, 24_000);
        for (int i = 0; i < 24_000; i++) {
            ObjectNode event = day.next();
            String user = event.path("user").path("username").asString();
            int hour = Instant.parse(event.path("requestReceivedTimestamp").asString()).atZone(java.time.ZoneOffset.UTC)
                    .getHour();
            if (user.endsWith("@example.com") || user.contains(":gitlab-runner:")) {
                assertThat(hour).as("%s at %s", user, event.path("requestReceivedTimestamp")).isBetween(6, 19);
            }
        }
    }

    /** The checked-in fixture is exactly what the writer makes: regenerate it when the generator changes. */
    @Test
    void theCheckedInFixtureIsWhatTheWriterMakes(@TempDir Path folder) throws IOException {
        Path written = folder.resolve("day.jsonl.gz");
        BenignCorpusWriter.write(written, BenignCorpusWriter.FIXTURE_EVENTS);

        assertThat(Files.isRegularFile(FIXTURE)).as(FIXTURE.toAbsolutePath().toString()).isTrue();
        assertThat(text(FIXTURE)).as("%s is stale: regenerate it as its README says", FIXTURE)
                .isEqualTo(text(written));
        assertThat(Files.size(FIXTURE)).as("fixture size").isLessThan(4L * 1024 * 1024);
    }

    private static String text(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> activityNames() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        List<BenignActivity> all = new java.util.ArrayList<>(new ControlPlaneCalls(random).activities());
        all.addAll(new AddOnCalls(random).activities());
        all.addAll(new PeopleCalls(random).activities());
        return all.stream().map(BenignActivity::name).toList();
    }
}
