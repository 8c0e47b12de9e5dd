package dev.vigil.console.search;

import dev.vigil.console.query.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Forensic search over the evidence (design §6): {@code GET /v1/search} answers one page of matching evidence, newest
 * first by default, with the exact total, a timeline of all matches and the cursor of the next page;
 * {@code GET /v1/search/export} streams every match as NDJSON or CSV, at most {@code vigil.console.search.export-max}.
 * Every search and export is recorded on {@code vigil.audit.access}. Analysts and admins only (security config).
 */
@RestController
@RequestMapping("/v1/search")
class SearchController {

    static final Set<String> PARAMETERS = Stream.concat(EvidenceQuery.FILTERS.keySet().stream(),
            Stream.of("q", "from", "to", "size", "cursor", "order", "bucket")).collect(Collectors.toUnmodifiableSet());
    static final Set<String> EXPORT_PARAMETERS = Stream.concat(EvidenceQuery.FILTERS.keySet().stream(),
            Stream.of("q", "from", "to", "order", "format")).collect(Collectors.toUnmodifiableSet());
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    private final EvidenceSearch search;
    private final SearchProperties properties;
    private final Clock clock;

    SearchController(EvidenceSearch search, SearchProperties properties, Clock clock) {
        this.search = search;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    EvidenceSearch.SearchPage search(HttpServletRequest request) {
        QueryParameters.requireKnown(request, PARAMETERS);
        EvidenceQuery query = EvidenceQuery.of(parameters(request, PARAMETERS), properties, clock.instant());
        EvidenceSearch.SearchPage page = search.page(query, properties.exportMax());
        SearchAccessLog.searched(request, query, page.total());
        return page;
    }

    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(HttpServletRequest request) {
        QueryParameters.requireKnown(request, EXPORT_PARAMETERS);
        Map<String, String> parameters = parameters(request, EXPORT_PARAMETERS);
        ExportFormat format = ExportFormat.of(parameters.get("format"));
        parameters.put("size", "0");
        EvidenceQuery query = EvidenceQuery.of(parameters, properties, clock.instant());
        long total = search.count(query);
        long exporting = Math.min(total, properties.exportMax());
        SearchAccessLog.exported(request, query, format, total, exporting);
        StreamingResponseBody body = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            if (format.header() != null) {
                writer.write(format.header());
            }
            search.each(query, exporting, result -> {
                try {
                    writer.write(format.line(result));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        String file = "vigil-evidence-" + FILE_TIME.format(query.from()) + "-" + FILE_TIME.format(query.to())
                + (exporting < total ? "-first-" + exporting : "") + "." + format.extension();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .header("Vigil-Export-Total", Long.toString(total))
                .header("Vigil-Export-Count", Long.toString(exporting))
                .header("Vigil-Export-Truncated", Boolean.toString(exporting < total))
                .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "Vigil-Export-Total, Vigil-Export-Count, "
                        + "Vigil-Export-Truncated")
                .body(body);
    }

    private static Map<String, String> parameters(HttpServletRequest request, Set<String> names) {
        Map<String, String> values = new HashMap<>();
        for (String name : names) {
            String value = request.getParameter(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }
}
