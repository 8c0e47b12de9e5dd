package dev.vigil.bench.report;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Writes one run's figures, options and machine as {@code bench/results/<timestamp>.json}. */
public final class JsonResults {

    private static final DateTimeFormatter FILE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private JsonResults() {
    }

    public static Path write(Path folder, Instant startedAt, Map<String, Object> options, List<Figure> figures)
            throws IOException {
        ObjectNode root = VigilJson.mapper().createObjectNode();
        root.put("startedAt", startedAt.toString());
        root.put("finishedAt", Instant.now().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jvmArguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        root.set("options", VigilJson.mapper().valueToTree(options));
        ArrayNode list = root.putArray("figures");
        for (Figure figure : figures) {
            ObjectNode item = list.addObject();
            item.put("name", figure.name());
            if (figure.measured()) {
                item.put("value", figure.value());
            } else {
                item.putNull("value");
            }
            item.put("unit", figure.unit());
            item.put("baseline", figure.baseline());
            if (!Double.isNaN(figure.ratio())) {
                item.put("ratio", figure.ratio());
            }
            if (!Double.isNaN(figure.cpuMicros())) {
                item.put("cpuMicrosPerEvent", figure.cpuMicros());
            }
            if (figure.spread() != null) {
                item.put("min", figure.spread().min());
                item.put("median", figure.spread().median());
                item.put("max", figure.spread().max());
                item.put("runs", figure.spread().runs());
            }
            item.put("target", figure.target());
            item.put("note", figure.note());
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE_NAME.format(startedAt) + ".json");
        Files.writeString(file, VigilJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        return file;
    }
}
