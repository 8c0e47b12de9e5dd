package dev.vigil.app.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;

/**
 * Renders the property tables of {@code docs/configuration.md} from the configuration metadata, so the guide shows
 * exactly the names, types, defaults and Javadoc lines of the code.
 */
final class ConfigurationGuide {

    static final String BEGIN = "<!-- properties: generated from the configuration metadata by ConfigurationMetadataTest -->";
    static final String END = "<!-- end of generated properties -->";

    /** One section of the guide: the properties under its prefixes, with a sentence about them. */
    private record Section(String title, String intro, String... prefixes) {

        boolean covers(String name) {
            return Arrays.stream(prefixes).anyMatch(prefix -> name.equals(prefix) || name.startsWith(prefix + "."));
        }
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("Roles", "Which parts of Vigil this process runs. One process with every role is a complete"
                    + " installation; a large one runs a deployment per role.", "vigil.roles"),
            new Section("Kafka", "The Kafka cluster every role uses and the topics of the contract. `vigil run` creates"
                    + " missing topics and waits for their leaders before any role starts. Client properties every Kafka"
                    + " client needs (SASL, TLS …) go in `vigil.kafka.properties[<kafka property>]`, best in"
                    + " `application.yml` because their keys contain dots.", "vigil.kafka"),
            new Section("Embedded Kafka and OpenSearch (the local default)", "Used only when"
                    + " `vigil.kafka.bootstrap-servers` or `vigil.opensearch.url` is not configured: the missing server"
                    + " is started inside Vigil's JVM.", "vigil.embedded"),
            new Section("OpenSearch", "The OpenSearch cluster of the `alerting` and `console` roles. Credentials are"
                    + " never logged.", "vigil.opensearch"),
            new Section("Ingest: audit webhook, replay, Kubernetes watch", "How audit and watch events get in (role"
                    + " `ingest`). Connecting an API server: [kube-apiserver.md](kube-apiserver.md).", "vigil.ingest"),
            new Section("Managed clusters: GKE and AKS", "The clouds' own deliveries of their audit logs (role"
                    + " `ingest`), set up as [managed-clusters.md](managed-clusters.md) describes. Each"
                    + " `vigil.sources.gke.subscribers[n]` has `email` and `clusters`; each `vigil.sources.aks[n]` has"
                    + " `name`, `enabled`, `bootstrap-servers`, `topic` (the event hub), `connection-string` (never"
                    + " logged), `consumer-group` (`$Default`), `cluster`, `clusters`, `security` (`SASL_SSL`) and"
                    + " `properties[<kafka consumer property>]`.", "vigil.sources"),
            new Section("Streams and rules", "The Kafka Streams topologies and the rule engine (role `streams`).",
                    "vigil.streams", "vigil.rules"),
            new Section("Indexing and retention", "How alerts and evidence are written to OpenSearch and how long they"
                    + " are kept (role `alerting`).", "vigil.indexer", "vigil.alerting", "vigil.retention", "vigil.index"),
            new Section("Notifiers", "Where alerts are sent as they happen (role `alerting`); the fields of each"
                    + " notifier are described in [notifiers.md](notifiers.md).", "vigil.notify"),
            new Section("Console", "The web console and the login of the `/v1` read APIs (role `console`).",
                    "vigil.console"),
            new Section("OpenSearch Dashboards", "Installing Vigil's saved objects into OpenSearch Dashboards.",
                    "vigil.dashboards"));

    private static final Pattern CODE = Pattern.compile("\\{@(?:code|literal) ((?:[^{}]|\\{[^{}]*})*)}");
    private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)? #?([^ }]+)(?: ([^}]*))?}");
    private static final Pattern PACKAGES = Pattern.compile("(?:java\\.(?:lang|util|time|net|nio\\.file)|dev\\.vigil(?:\\.[a-z0-9]+)*)\\.");

    private ConfigurationGuide() {
    }

    /** The generated part of the guide, between {@link #BEGIN} and {@link #END}. */
    static String render(List<ConfigurationMetadataProperty> properties) {
        Set<String> remaining = properties.stream().map(ConfigurationMetadataProperty::getId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> lines = new ArrayList<>();
        for (Section section : SECTIONS) {
            lines.add("## " + section.title());
            lines.add("");
            lines.add(section.intro());
            lines.add("");
            table(lines, properties.stream().filter(property -> section.covers(property.getId())).toList());
            properties.stream().map(ConfigurationMetadataProperty::getId).filter(section::covers).forEach(remaining::remove);
        }
        if (!remaining.isEmpty()) {
            lines.add("## Other");
            lines.add("");
            table(lines, properties.stream().filter(property -> remaining.contains(property.getId())).toList());
        }
        return String.join("\n", lines);
    }

    private static void table(List<String> lines, List<ConfigurationMetadataProperty> properties) {
        if (properties.isEmpty()) {
            lines.add("_None yet._");
            lines.add("");
            return;
        }
        lines.add("| property | environment variable | type | default | description |");
        lines.add("|---|---|---|---|---|");
        properties.stream()
                .sorted((left, right) -> left.getId().compareTo(right.getId()))
                .forEach(property -> lines.add("| `" + property.getId() + "` | `" + environmentVariable(property.getId())
                        + "` | " + type(property.getType()) + " | " + defaultValue(property.getDefaultValue()) + " | "
                        + markdown(property.getDescription()) + " |"));
        lines.add("");
    }

    /** Spring Boot's relaxed binding in the other direction: {@code vigil.kafka.bootstrap-servers} → {@code VIGIL_KAFKA_BOOTSTRAP_SERVERS}. */
    static String environmentVariable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String type(String type) {
        return type == null ? "" : PACKAGES.matcher(type).replaceAll("").replace('$', '.').replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String defaultValue(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Object[] array
                ? Arrays.stream(array).map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(value);
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1).replace(", ", ",");
        }
        return "`" + text + "`";
    }

    /** Javadoc inline tags to Markdown, the first letter capitalised, table-safe. */
    static String markdown(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        String text = CODE.matcher(description).replaceAll(match -> Matcher.quoteReplacement("`" + match.group(1) + "`"));
        text = LINK.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
                match.group(2) != null ? match.group(2) : match.group(1)));
        text = text.replace("|", "\\|").replaceAll("\\s+", " ").strip();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
