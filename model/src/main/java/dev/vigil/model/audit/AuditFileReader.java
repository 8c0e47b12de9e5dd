package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Streams the items of an audit log, in constant memory, whatever shape it has: JSON lines (the API server's
 * file backend), gzip of any of these, one {@code EventList} document (the webhook's batch), a JSON array, or a
 * single pretty-printed event. Splits into JSON items only; whether an item is a valid event is
 * {@link AuditEventParser}'s call. A bad line in JSON lines is an error item and reading goes on; a syntax
 * error inside a multi-line document ends the document with one error item (there is no way to resynchronise).
 */
public final class AuditFileReader implements Iterator<AuditFileReader.Item>, Closeable {

    /**
     * One item: its 1-based line, the JSON node (null when unreadable), its text, or the error. {@code text} is the
     * line as read for a JSON line and the exact text of an item of a streamed document (an EventList's item, an
     * array element, a root object); null only for an item of a list that came on one JSON line, whose
     * {@link #text()} serialises the node when asked.
     */
    public record Item(String source, long line, JsonNode node, String text, String error) {
        public boolean isOk() {
            return error == null;
        }

        /** The item's original text: as read, or else the node as compact JSON (built on each call). */
        @Override
        public String text() {
            if (text != null && !text.isEmpty()) {
                return text;
            }
            return node != null ? node.toString() : "";
        }

        /** The item's text exactly as read, or null when only its parsed node exists. */
        public String originalText() {
            return text != null && !text.isEmpty() ? text : null;
        }
    }

    /** How far the format probe reads ahead; kept small because every webhook request opens a reader. */
    private static final int PROBE_LIMIT = 64 * 1024;

    private final String source;
    private final BufferedReader reader;
    private final Deque<Item> pending = new ArrayDeque<>();
    private final Mode mode;
    private JsonParser documentParser;
    private ItemTextWindow documentText;
    private State state = State.ROOT;
    private long lineNumber;
    private boolean finished;

    private enum Mode { LINES, DOCUMENT }

    private enum State { ROOT, IN_ARRAY, IN_ITEMS }

    private AuditFileReader(InputStream in, String source) throws IOException {
        this.source = source;
        InputStream raw = new BufferedInputStream(in, 64 * 1024);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream decoded = b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 64 * 1024)) : raw;
        // Invalid UTF-8 becomes U+FFFD rather than an exception: the item is still read and judged by the parser.
        this.reader = new BufferedReader(new InputStreamReader(decoded, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                64 * 1024);
        this.mode = detectMode();
        if (mode == Mode.DOCUMENT) {
            skipByteOrderMark(); // Jackson's character parser does not skip it
            documentText = new ItemTextWindow(reader);
            documentParser = VigilJson.mapper().createParser(documentText);
        }
    }

    public static AuditFileReader open(Path file) throws IOException {
        return new AuditFileReader(Files.newInputStream(file), file.getFileName().toString());
    }

    /** Reads from a stream (an HTTP body, stdin); {@code source} names it in items and errors. */
    public static AuditFileReader of(InputStream in, String source) {
        try {
            return new AuditFileReader(in, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JSON lines when the first non-blank line is a complete JSON value on its own; otherwise — a
     * multi-line document, or a first line longer than the probe such as a one-line webhook EventList —
     * one streamed document (which reads concatenated values too, so long JSON lines still work).
     */
    private Mode detectMode() throws IOException {
        reader.mark(PROBE_LIMIT);
        StringBuilder line = new StringBuilder();
        boolean lineComplete = false;
        int read = 0;
        int c;
        while (read < PROBE_LIMIT - 1 && (c = reader.read()) != -1) {
            read++;
            if (c == '\n') {
                if (!stripBom(line.toString()).isBlank()) {
                    lineComplete = true;
                    break;
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        boolean endOfInput = read < PROBE_LIMIT - 1;
        reader.reset();
        String first = stripBom(line.toString()).trim();
        if (first.isEmpty()) {
            return Mode.LINES;
        }
        if (first.startsWith("[") || !(lineComplete || endOfInput)) {
            return Mode.DOCUMENT;
        }
        try {
            VigilJson.mapper().readTree(first);
            return Mode.LINES;
        } catch (JacksonException incomplete) {
            return first.startsWith("{") && !first.endsWith("}") ? Mode.DOCUMENT : Mode.LINES;
        }
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !finished) {
            try {
                if (mode == Mode.LINES) {
                    readLine();
                } else {
                    readDocumentValue();
                }
            } catch (IOException e) {
                pending.add(new Item(source, lineNumber, null, "", "cannot read: " + e.getMessage()));
                finished = true;
            }
        }
        return !pending.isEmpty();
    }

    @Override
    public Item next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    public String source() {
        return source;
    }

    private void readLine() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            finished = true;
            return;
        }
        lineNumber++;
        String text = stripBom(line);
        if (text.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = VigilJson.mapper().readTree(text);
        } catch (JacksonException e) {
            pending.add(new Item(source, lineNumber, null, text, "not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (isList(node)) {
            for (JsonNode item : node.get("items")) {
                pending.add(new Item(source, lineNumber, item, null, null));
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                pending.add(new Item(source, lineNumber, item, null, null));
            }
        } else {
            pending.add(new Item(source, lineNumber, node, text, null));
        }
    }

    private static boolean isList(JsonNode node) {
        return node.isObject() && node.path("items").isArray()
                && (!node.has("kind") || "EventList".equals(node.path("kind").asString()));
    }

    /**
     * One step of the document state machine: at the root it reads a value (entering an array or an
     * EventList's items), inside a list it reads the next element — one item per step, so memory stays flat.
     */
    private void readDocumentValue() {
        try {
            if (state != State.ROOT) {
                readListElement();
                return;
            }
            JsonToken token = documentParser.nextToken();
            if (token == null) {
                finished = true;
            } else if (token == JsonToken.START_ARRAY) {
                state = State.IN_ARRAY;
            } else if (token == JsonToken.START_OBJECT) {
                readRootObject();
            } else {
                addDocumentItem();
            }
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? lineNumber : e.getLocation().getLineNr();
            pending.add(new Item(source, line, null, "", "not valid JSON: " + e.getOriginalMessage()));
            finished = true;
        }
    }

    private void readListElement() {
        if (documentParser.nextToken() != JsonToken.END_ARRAY) {
            addDocumentItem();
            return;
        }
        if (state == State.IN_ITEMS) {
            // The rest of the EventList object (metadata, or a kind written after items) carries no events.
            while (documentParser.nextToken() == JsonToken.PROPERTY_NAME) {
                documentParser.nextToken();
                documentParser.skipChildren();
            }
        }
        state = State.ROOT;
    }

    /** Reads a root object field by field so that an EventList's items can be streamed instead of held. */
    private void readRootObject() {
        long line = documentParser.currentTokenLocation().getLineNr();
        long start = itemStart();
        ObjectNode object = VigilJson.mapper().createObjectNode();
        while (documentParser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = documentParser.currentName();
            JsonToken valueToken = documentParser.nextToken();
            if ("items".equals(name) && valueToken == JsonToken.START_ARRAY
                    && "EventList".equals(object.path("kind").asString("EventList"))) {
                state = State.IN_ITEMS;
                return;
            }
            object.set(name, documentParser.readValueAsTree());
        }
        pending.add(new Item(source, line, object, itemText(start), null));
    }

    private void addDocumentItem() {
        long line = documentParser.currentTokenLocation().getLineNr();
        long start = itemStart();
        JsonNode item = documentParser.readValueAsTree();
        pending.add(new Item(source, line, item, itemText(start), null));
    }

    /** The character offset of the current token, where an item starts; what came before it is not kept. */
    private long itemStart() {
        long start = documentParser.currentTokenLocation().getCharOffset();
        documentText.discardBefore(start);
        return start;
    }

    /** The text from {@code start} to the end of the value just read (its last token is one character or a scalar). */
    private String itemText(long start) {
        return documentText.text(start, documentParser.currentLocation().getCharOffset());
    }

    @Override
    public void close() throws IOException {
        if (documentParser != null) {
            documentParser.close();
        }
        reader.close();
    }

    private void skipByteOrderMark() throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
