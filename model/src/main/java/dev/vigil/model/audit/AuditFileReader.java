package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
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
 * Streams the items of an audit log, in memory bounded by the largest item, whatever shape it has: JSON lines (the
 * API server's file backend), gzip of any of these, one {@code EventList} document (the webhook's batch), a JSON
 * array, or a single pretty-printed event. Splits into JSON items only; whether an item is a valid event is
 * {@link AuditEventParser}'s call.
 * <p>
 * Nothing inside one item stops the others: item boundaries are found by {@link ItemScanner} (strings and brackets
 * only), and each item is parsed on its own by {@link ItemParser} — duplicate keys read as Go reads them (the last
 * wins), the parser's limits counted per item, an unreadable request or response object dropped and noted
 * ({@link DroppedObjects}) instead of losing the event. An item that cannot be read at all is an error item with its
 * text; an item over {@code maxItemChars} comes out as error items holding its parts; when the brackets of the
 * document no longer match, the rest of the input comes out as {@link Item.Flaw#UNREAD_REST} error items, so that
 * every character is accounted for.
 */
public final class AuditFileReader implements Iterator<AuditFileReader.Item>, Closeable {

    /**
     * One item: its 1-based line, the JSON node (null when unreadable), its text, or the error. {@code text} is the
     * line as read for a JSON line and the exact text of an item of a streamed document (an EventList's item, an
     * array element, a root object); null only for an item of a list that came on one JSON line, whose
     * {@link #text()} serialises the node when asked.
     */
    public record Item(String source, long line, JsonNode node, String text, String error, Flaw flaw) {

        /** What is wrong with an item; null for an item read whole. */
        public enum Flaw {
            /** Not readable as an event (syntax, limits outside the droppable objects, truncated input). */
            UNREADABLE,
            /**
             * Read, but an unreadable request/response object was dropped from {@code node} (see
             * {@link DroppedObjects}); {@code text} is the original, which is never sent on as the event.
             */
            OBJECTS_DROPPED,
            /** One part of an item longer than the reader's limit; the parts in order are its text. */
            OVERSIZE,
            /** A part of the input after the document broke (a bracket closing the wrong one), never read as items. */
            UNREAD_REST
        }

        /** An item read whole ({@code error} null) or unreadable. */
        public Item(String source, long line, JsonNode node, String text, String error) {
            this(source, line, node, text, error, error == null ? null : Flaw.UNREADABLE);
        }

        public boolean isOk() {
            return error == null;
        }

        /**
         * Whether the item was handed out unparsed (a reader made by {@link #deferred}): {@code node} is null and
         * {@code text} its exact text; {@link #read()} parses it, {@link ItemSummary#read} may spare that.
         */
        public boolean isDeferred() {
            return node == null && error == null && flaw == null && text != null;
        }

        /** This item parsed as a reader that parses every item would have handed it out; itself when not deferred. */
        public Item read() {
            if (!isDeferred()) {
                return this;
            }
            ItemParser.Parsed parsed = ItemParser.parse(text);
            return parsed.isOk()
                    ? new Item(source, line, parsed.node(), text, null, parsed.objectsDropped() ? Flaw.OBJECTS_DROPPED : null)
                    : new Item(source, line, null, text, parsed.error(), Flaw.UNREADABLE);
        }

        /** The item's original text: as read, or else the node as compact JSON (built on each call). */
        @Override
        public String text() {
            if (text != null && !text.isEmpty()) {
                return text;
            }
            return node != null ? node.toString() : "";
        }

        /**
         * The item's text exactly as read when it is the text of {@code node}, or null when only the parsed node
         * exists or objects were dropped from it.
         */
        public String originalText() {
            return text != null && !text.isEmpty() && flaw == null ? text : null;
        }
    }

    /** How far the format probe reads ahead; kept small because every webhook request opens a reader. */
    private static final int PROBE_LIMIT = 64 * 1024;

    /** The longest item kept whole unless the caller says otherwise (16 Mi characters, the webhook's body limit). */
    public static final int DEFAULT_MAX_ITEM_CHARS = 16 * 1024 * 1024;

    private final String source;
    private final BufferedReader reader;
    private final int maxItemChars;
    private final Deque<Item> pending = new ArrayDeque<>();
    private final Mode mode;
    private final boolean defer;
    private ItemScanner documentScanner;
    private long lineNumber;
    private boolean finished;

    private enum Mode { LINES, DOCUMENT }

    private AuditFileReader(InputStream in, String source, int maxItemChars, boolean defer) throws IOException {
        this.defer = defer;
        if (maxItemChars < 2) {
            throw new IllegalArgumentException("maxItemChars must be at least 2: " + maxItemChars);
        }
        this.source = source;
        this.maxItemChars = maxItemChars;
        InputStream raw = new BufferedInputStream(in, 64 * 1024);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream decoded = b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 64 * 1024)) : raw;
        this.reader = decoding(decoded);
        this.mode = detectMode();
        if (mode == Mode.DOCUMENT) {
            skipByteOrderMark();
            documentScanner = new ItemScanner(reader, maxItemChars);
        }
    }

    /** The rest of a document, read by {@link Utf8ItemReader} up to here (see {@link ItemScanner#resumed}). */
    private AuditFileReader(InputStream rest, String source, int maxItemChars, ItemScanner.Resume where, long line) {
        this.defer = true;
        this.source = source;
        this.maxItemChars = maxItemChars;
        this.reader = decoding(rest);
        this.mode = Mode.DOCUMENT;
        this.documentScanner = ItemScanner.resumed(reader, maxItemChars, where, line);
    }

    /** A deferred reader for the rest of a streamed EventList that {@link Utf8ItemReader} read up to here. */
    static AuditFileReader resumed(InputStream rest, String source, int maxItemChars, ItemScanner.Resume where,
                                   long line) {
        return new AuditFileReader(rest, source, maxItemChars, where, line);
    }

    /** Invalid UTF-8 becomes U+FFFD rather than an exception: the item is still read and judged by the parser. */
    static BufferedReader decoding(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                64 * 1024);
    }

    public static AuditFileReader open(Path file) throws IOException {
        return new AuditFileReader(Files.newInputStream(file), file.getFileName().toString(), DEFAULT_MAX_ITEM_CHARS,
                false);
    }

    /** Reads from a stream (an HTTP body, stdin); {@code source} names it in items and errors. */
    public static AuditFileReader of(InputStream in, String source) {
        return of(in, source, DEFAULT_MAX_ITEM_CHARS);
    }

    /**
     * Reads from a stream; an item longer than {@code maxItemChars} characters is not held but handed out in parts
     * ({@link Item.Flaw#OVERSIZE}).
     */
    public static AuditFileReader of(InputStream in, String source, int maxItemChars) {
        return open(in, source, maxItemChars, false);
    }

    /**
     * {@link #of(InputStream, String, int)}, but the items of a streamed document come out unparsed
     * ({@link Item#isDeferred()}), for a caller that can judge most of them from their tokens ({@link ItemSummary})
     * and parses only the rest ({@link Item#read()}). JSON lines are parsed as before.
     */
    public static AuditFileReader deferred(InputStream in, String source, int maxItemChars) {
        return open(in, source, maxItemChars, true);
    }

    private static AuditFileReader open(InputStream in, String source, int maxItemChars, boolean defer) {
        try {
            return new AuditFileReader(in, source, maxItemChars, defer);
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
        // Read in chunks, not character by character (every webhook request probes up to 64 KB), but never ask for
        // more once the first non-blank line is complete: a followed file or a slow body must not block the probe.
        char[] probe = new char[PROBE_LIMIT - 1];
        int available = 0;
        int scanned = 0;
        int lineStart = 0;
        boolean lineComplete = false;
        probing:
        while (available < probe.length) {
            int n = reader.read(probe, available, probe.length - available);
            if (n < 0) {
                break;
            }
            available += n;
            for (; scanned < available; scanned++) {
                if (probe[scanned] == '\n') {
                    if (!stripBom(new String(probe, lineStart, scanned - lineStart)).isBlank()) {
                        lineComplete = true;
                        scanned++;
                        break probing;
                    }
                    lineStart = scanned + 1;
                }
            }
        }
        int read = lineComplete ? scanned : available;
        String line = new String(probe, lineStart, (lineComplete ? scanned - 1 : available) - lineStart);
        boolean endOfInput = read < PROBE_LIMIT - 1;
        reader.reset();
        String first = stripBom(line).trim();
        if (first.isEmpty()) {
            return Mode.LINES;
        }
        if (first.startsWith("[") || !(lineComplete || endOfInput)) {
            return Mode.DOCUMENT;
        }
        try {
            VigilJson.tolerantMapper().readTree(first);
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
                    readPiece(documentScanner, -1);
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
            node = VigilJson.tolerantMapper().readTree(text);
        } catch (JacksonException e) {
            String trimmed = text.strip();
            if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
                pending.add(new Item(source, lineNumber, null, text, "not valid JSON: " + e.getOriginalMessage()));
                return;
            }
            // Maybe a list with one bad item, or an event with an unreadable object: split the line item by item.
            ItemScanner scanner = new ItemScanner(new StringReader(text), maxItemChars);
            while (readPiece(scanner, lineNumber)) {
                // every piece of the line is pending
            }
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
     * Turns the next piece of {@code scanner} into an item; {@code line} is the line of a JSON line, or -1 for the
     * scanner's own line count. False (and, for the document, finished) at the end of the input.
     */
    private boolean readPiece(ItemScanner scanner, long line) throws IOException {
        ItemScanner.Piece piece = scanner.next();
        if (piece == null) {
            if (line < 0) {
                finished = true;
            }
            return false;
        }
        long at = line < 0 ? piece.line() : line;
        switch (piece.kind()) {
            case ITEM -> {
                if (defer && line < 0) {
                    pending.add(new Item(source, at, null, piece.text(), null, null));
                    return true;
                }
                ItemParser.Parsed parsed = ItemParser.parse(piece.text());
                pending.add(parsed.isOk()
                        ? new Item(source, at, parsed.node(), piece.text(), null,
                                parsed.objectsDropped() ? Item.Flaw.OBJECTS_DROPPED : null)
                        : new Item(source, at, null, piece.text(), parsed.error(), Item.Flaw.UNREADABLE));
            }
            case TRUNCATED -> pending.add(new Item(source, at, null, piece.text(), piece.error(), Item.Flaw.UNREADABLE));
            case OVERSIZE -> pending.add(new Item(source, at, null, piece.text(), piece.error(), Item.Flaw.OVERSIZE));
            case UNREAD_REST -> pending.add(new Item(source, at, null, piece.text(), piece.error(), Item.Flaw.UNREAD_REST));
        }
        return true;
    }

    @Override
    public void close() throws IOException {
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
