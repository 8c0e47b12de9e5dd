package dev.vigil.console.search;

import dev.vigil.console.query.InvalidParameterException;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/**
 * The formats of {@code GET /v1/search/export}: NDJSON, one stored (redacted) evidence document per line; CSV
 * (RFC 4180, a header row, UTF-8) of the summary columns. Cells that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, tab or CR) get a leading {@code '}: audit data is written by whoever called the API server.
 */
enum ExportFormat {
    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv", "csv");

    static final List<String> CSV_COLUMNS = List.of("time", "cluster", "user", "verb", "resource", "subresource",
            "namespace", "name", "response_code", "source_ip", "user_agent", "message", "audit_id", "stage", "id");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    static ExportFormat of(String value) {
        if (value == null || value.isBlank()) {
            return NDJSON;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "ndjson", "json" -> NDJSON;
            case "csv" -> CSV;
            default -> throw new InvalidParameterException("format", "must be ndjson or csv, not '" + value + "'");
        };
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    /** The first line of the file, or null. */
    String header() {
        return this == CSV ? String.join(",", CSV_COLUMNS) + "\r\n" : null;
    }

    /** One result as a line of this format, with its line end. */
    String line(EvidenceSummary result) {
        if (this == NDJSON) {
            return VigilJson.mapper().writeValueAsString(result.document()) + "\n";
        }
        JsonNode object = result.object();
        List<String> cells = List.of(nz(result.time()), nz(result.cluster()), nz(result.user()), nz(result.verb()),
                field(object, "resource"), field(object, "subresource"), field(object, "namespace"),
                field(object, "name"), result.responseCode() == null ? "" : result.responseCode().toString(),
                nz(result.sourceIp()), nz(result.userAgent()), nz(result.message()), nz(result.auditId()),
                nz(result.stage()), nz(result.id()));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvCell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled; formula starts neutralised. */
    static String csvCell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String field(JsonNode object, String name) {
        return object == null || !object.path(name).isValueNode() ? "" : object.path(name).asString();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
