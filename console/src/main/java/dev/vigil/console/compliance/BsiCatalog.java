package dev.vigil.console.compliance;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The BSI APP.4.4 table as data ({@code compliance/bsi-app44.yaml}), in the order the file lists it. */
public record BsiCatalog(int version, List<BsiRequirement> requirements) {

    public static final String RESOURCE = "compliance/bsi-app44.yaml";

    public BsiCatalog {
        requirements = List.copyOf(requirements);
    }

    public static BsiCatalog load() {
        YAMLMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        try (InputStream in = BsiCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return yaml.readValue(in, BsiCatalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public Optional<BsiRequirement> requirement(String id) {
        return requirements.stream().filter(requirement -> requirement.id().equals(id)).findFirst();
    }
}
