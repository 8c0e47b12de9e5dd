package dev.vigil.bench.workload;

import dev.vigil.model.json.VigilJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the benign day as gzipped JSON lines, the fixture of streams' noise test:
 * {@code java -cp "bench/target/classes:bench/target/lib/*" dev.vigil.bench.workload.BenignCorpusWriter FILE [EVENTS]}.
 * The gzip header carries no time or name, so the same events always give the same bytes.
 */
public final class BenignCorpusWriter {

    /** Events of the checked-in day: one every 4.32 s, enough for every activity to appear. */
    public static final int FIXTURE_EVENTS = 20_000;

    private BenignCorpusWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BenignCorpusWriter FILE [EVENTS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : FIXTURE_EVENTS;
        BenignDay day = write(file, events);
        System.out.println("Wrote " + events + " events (" + Files.size(file) + " bytes) to " + file);
        day.counts().forEach((activity, count) -> System.out.println(String.format("%7d  %s", count, activity)));
    }

    static BenignDay write(Path file, int events) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        BenignDay day = new BenignDay(BenignDay.DEFAULT_SEED, BenignDay.DEFAULT_DAY, events);
        try (OutputStream out = Files.newOutputStream(file);
             BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16),
                     StandardCharsets.UTF_8))) {
            for (int i = 0; i < events; i++) {
                writer.write(VigilJson.mapper().writeValueAsString(day.next()));
                writer.write('\n');
            }
        }
        return day;
    }
}
