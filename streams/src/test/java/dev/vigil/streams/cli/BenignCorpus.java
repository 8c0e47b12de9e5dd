package dev.vigil.streams.cli;

import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The noise corpus: the benign events of the third-party data (selected with reasons in
 * {@code noise/third-party-benign.tsv}) and the generated day of a busy cluster ({@code noise/busy-cluster-day.jsonl.gz},
 * made by bench's BenignCorpusWriter; see noise/README.md).
 */
final class BenignCorpus {

    static final String DAY = "noise/busy-cluster-day.jsonl.gz";
    static final String SELECTION = "noise/third-party-benign.tsv";

    /** One event of the corpus, decoded as {@code vigil rules test} decodes it, and where it came from. */
    record Event(String source, AuditRecord record) {

        static Event of(String source, JsonNode node) {
            Decoded<AuditRecord> decoded = AuditRecordCodec.decode(VigilJson.writeBytes(node));
            if (!decoded.isOk()) {
                throw new IllegalStateException(source + ": not an audit event: " + decoded);
            }
            return new Event(source, decoded.value());
        }
    }

    private BenignCorpus() {
    }

    static List<Event> thirdParty() {
        List<Event> events = new ArrayList<>();
        for (String entry : selection()) {
            String path = entry.split("\t", 2)[0];
            int colon = path.lastIndexOf(':');
            String file = colon > 0 ? path.substring(0, colon) : path;
            int only = colon > 0 ? Integer.parseInt(path.substring(colon + 1)) : -1;
            for (AuditTestData.Line line : AuditTestData.lines(AuditTestData.file("k8s-audit/" + file))) {
                if (only < 0 || line.number() == only) {
                    events.add(Event.of(file + ":" + line.number(), VigilJson.mapper().readTree(line.text())));
                }
            }
        }
        return events;
    }

    static List<Event> day() {
        List<Event> events = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(BenignCorpus.class.getClassLoader().getResourceAsStream(DAY), DAY);
             AuditFileReader reader = AuditFileReader.of(in, DAY)) {
            while (reader.hasNext()) {
                AuditFileReader.Item item = reader.next();
                if (!item.isOk()) {
                    throw new IllegalStateException(item.source() + ":" + item.line() + ": " + item.error());
                }
                events.add(Event.of(DAY + ":" + item.line(), item.node()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** The selection's entries (comments and blank lines skipped). */
    static List<String> selection() {
        List<String> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                BenignCorpus.class.getClassLoader().getResourceAsStream(SELECTION), SELECTION), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
