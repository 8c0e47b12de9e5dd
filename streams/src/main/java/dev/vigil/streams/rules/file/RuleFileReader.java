package dev.vigil.streams.rules.file;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;

/** Reads rule files (YAML) strictly: an unknown key is an error with its line, not a silently ignored typo. */
public final class RuleFileReader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RuleFileReader() {
    }

    public static RuleFile read(RuleLocation location) throws RuleFileException {
        String text;
        try {
            text = location.read();
        } catch (IOException e) {
            throw new RuleFileException(location.name(), "", "cannot read: " + e.getMessage());
        }
        try {
            RuleFile file = YAML.readValue(text, RuleFile.class);
            if (file == null) {
                throw new RuleFileException(location.name(), "", "empty rule file");
            }
            return file;
        } catch (JacksonException e) {
            throw new RuleFileException(location.name(), position(e), e.getOriginalMessage());
        }
    }

    /** The file as a YAML tree (for checks of key order and for test fixtures). */
    public static JsonNode tree(String text) {
        return YAML.readTree(text);
    }

    private static String position(JacksonException e) {
        TokenStreamLocation where = e.getLocation();
        return where == null || where.getLineNr() < 0 ? "" : where.getLineNr() + ":" + where.getColumnNr();
    }

    /** A rule file that cannot be read; {@code position} is {@code line:column} in the YAML, or empty. */
    public static final class RuleFileException extends Exception {
        private final String file;
        private final String position;

        public RuleFileException(String file, String position, String message) {
            super(message, null, false, false);
            this.file = file;
            this.position = position;
        }

        public String file() {
            return file;
        }

        public String position() {
            return position;
        }
    }
}
