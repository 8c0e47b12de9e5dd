package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * The webhook's reader: the items of a streamed {@code EventList} body read from its UTF-8 bytes, each plain event
 * checked and made into its record in one pass — Jackson's byte parser over the body's own buffer finds the item's
 * end while {@link ItemSummary} checks its tokens, the bytes are checked to be well-formed UTF-8, and the record value
 * is the item's bytes with the ingest envelope in one copy. No characters are decoded for such an item.
 * <p>
 * Everything else is {@link AuditFileReader}'s, so that answers, reasons and records stay exactly what a deferred
 * {@code AuditFileReader} gives ({@code TokenPathDifferentialTest} holds the two to the same bytes):
 * <ul>
 * <li>a body that is not one long-lined {@code {…"items":[…} } document (JSON lines, a small body, an array, a root
 * object that is one event, anything odd before the items) is read by {@link AuditFileReader#deferred} from its first
 * byte;</li>
 * <li>an item whose brackets match but that is not a plain event (unreadable, invalid UTF-8, unusual, no
 * {@code auditID}, …) comes out as the deferred item the document reader would give: its text decoded as that
 * reader decodes it;</li>
 * <li>from anything else inside the list on (a broken bracket, an item cut off, a value that is not an object, an
 * item near the reader's size limit, characters between items other than ASCII whitespace and commas), and after
 * the list unless only the closing brace follows, {@link ItemScanner} goes on from that byte as if it had read the
 * document from the start ({@link ItemScanner#resumed}).</li>
 * </ul>
 * Memory is bounded as the document reader's: the buffer holds the item being read (and the read-ahead).
 */
public final class Utf8ItemReader implements Closeable {

    /** An item for {@code AuditItemCheck} ({@code item}), or an event accepted from its bytes ({@code event}). */
    public record Next(AuditFileReader.Item item, Encoded event) {
    }

    /**
     * A plain event accepted from its bytes: what {@code AuditItemCheck} would accept from its text, and its record
     * value, the event's bytes as received with the envelope appended (the bytes {@link AuditRecordCodec#encodeText}
     * gives for its text); the first {@code eventLength} bytes of {@code value} but the last are the event's.
     */
    public record Encoded(String auditID, String stage, byte[] value, int eventLength) {

        /** The event's text as received (for a dead letter). */
        public String text() {
            return new String(value, 0, eventLength - 1, StandardCharsets.UTF_8) + "}";
        }
    }

    /** {@code AuditFileReader}'s format probe, in characters: a longer first line makes the body a document. */
    private static final int PROBE_CHARS = 64 * 1024 - 1;
    private static final JsonMapper MAPPER = VigilJson.tolerantMapper();

    private enum State { ITEMS, DELEGATED, DONE }

    private final InputStream in;
    private final String source;
    private final int maxItemChars;
    private final byte[] envelope;
    private byte[] buffer = new byte[128 * 1024];
    private int position;
    private int limit;
    private boolean endOfInput;
    /** Whether bytes before {@code position} may be dropped (not while the body may still be replayed whole). */
    private boolean compacting;
    /** The line of {@code buffer[position]}, counted as {@link ItemScanner} counts. */
    private long line = 1;
    private State state = State.ITEMS;
    private AuditFileReader delegate;
    private Next pending;

    private Utf8ItemReader(InputStream in, String source, int maxItemChars, byte[] envelope) {
        this.in = in;
        this.source = source;
        this.maxItemChars = maxItemChars;
        this.envelope = envelope;
    }

    /**
     * Reads a body; {@code envelope} is what {@link AuditRecordCodec#envelope} gives for the batch's cluster and
     * time. Throws {@link UncheckedIOException} when the body cannot be read as far as the format probe.
     */
    public static Utf8ItemReader open(InputStream in, String source, int maxItemChars, byte[] envelope) {
        Utf8ItemReader reader = new Utf8ItemReader(in, source, maxItemChars, envelope);
        try {
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reader;
    }

    public boolean hasNext() {
        if (pending == null) {
            try {
                pending = advance();
            } catch (IOException e) {
                // As the document reader: one error item, and the caller learns from the body what went wrong.
                state = State.DONE;
                pending = new Next(new AuditFileReader.Item(source, line, null, "", "cannot read: " + e.getMessage()),
                        null);
            }
        }
        return pending != null;
    }

    public Next next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Next next = pending;
        pending = null;
        return next;
    }

    @Override
    public void close() throws IOException {
        if (delegate != null) {
            delegate.close();
        }
        in.close();
    }

    /** The format probe and the EventList's head, up to its items; or the whole body to the document reader. */
    private void start() throws IOException {
        int counted = 0;
        int at = 0;
        // Characters are at least the bytes that do not continue a sequence (a malformed one is one U+FFFD).
        while (counted < PROBE_CHARS) {
            if (at == limit && !fill()) {
                replay();
                return;
            }
            byte b = buffer[at++];
            if (b == '\n') {
                replay(); // JSON lines, or a document whose first line decides (the document reader's probe)
                return;
            }
            if ((b & 0xC0) != 0x80) {
                counted++;
            }
        }
        int from = limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB
                && (buffer[2] & 0xFF) == 0xBF ? 3 : 0;
        while (from < limit && isWhitespace(buffer[from])) {
            from++;
        }
        if (from == limit || buffer[from] != '{') {
            replay();
            return;
        }
        int items;
        while ((items = itemsOf(from)) == NEED_MORE) {
            if (!fill()) {
                replay();
                return;
            }
        }
        if (items < 0 || !plainAscii(from, items)) {
            replay();
            return;
        }
        for (int i = 0; i < items; i++) {
            if (buffer[i] == '\n') {
                line++;
            }
        }
        position = items;
        compacting = true;
    }

    private static final int NEED_MORE = -2;

    /**
     * Where the items of the EventList object at {@code from} begin (just after its {@code "items":[}), -1 when it is
     * none (a single event, or not valid JSON up to there), {@link #NEED_MORE} when the buffer ends first. Read as
     * {@link ItemScanner} reads the root object: the list is the first {@code items} array while {@code kind} is still
     * absent or {@code EventList}.
     */
    private int itemsOf(int from) {
        try (JsonParser parser = MAPPER.createParser(buffer, from, limit - from)) {
            parser.nextToken();
            String kind = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("kind")) {
                    kind = parser.getString();
                } else if (value == JsonToken.START_ARRAY && name.equals("items")
                        && (kind == null || kind.equals("EventList"))) {
                    return from + (int) parser.currentTokenLocation().getByteOffset() + 1;
                } else {
                    parser.skipChildren();
                }
            }
            return -1;
        } catch (UnexpectedEndOfInputException e) {
            return endOfInput ? -1 : NEED_MORE;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Whether the head holds no escapes and no non-ASCII bytes: then the names and the {@code kind} Jackson read are
     * the characters {@link ItemScanner} compares.
     */
    private boolean plainAscii(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\\' || buffer[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The whole body, from its first byte, to the document reader. */
    private void replay() {
        delegate = AuditFileReader.deferred(new SequenceInputStream(new ByteArrayInputStream(buffer, 0, limit), in),
                source, maxItemChars);
        state = State.DELEGATED;
    }

    /** The rest of the body, from {@code position}, to a document scanner resumed there. */
    private Next handOver(ItemScanner.Resume where) {
        delegate = AuditFileReader.resumed(new SequenceInputStream(
                new ByteArrayInputStream(buffer, position, limit - position), in), source, maxItemChars, where, line);
        state = State.DELEGATED;
        return delegated();
    }

    private Next delegated() {
        return delegate.hasNext() ? new Next(delegate.next(), null) : null;
    }

    private Next advance() throws IOException {
        if (state == State.DONE) {
            return null;
        }
        if (state == State.DELEGATED) {
            return delegated();
        }
        while (true) {
            if (position == limit && !fill()) {
                state = State.DONE; // the input ends after a complete item: nothing is lost (as ItemScanner)
                return null;
            }
            byte b = buffer[position];
            if (b == ',' || isWhitespace(b)) {
                if (b == '\n') {
                    line++;
                }
                position++;
            } else if (b == '{') {
                return item();
            } else if (b == ']') {
                position++;
                return afterItems();
            } else {
                return handOver(ItemScanner.Resume.ITEMS);
            }
        }
    }

    /** The item at {@code position}: checked from its bytes, or handed on as the document reader would. */
    private Next item() throws IOException {
        while (true) {
            int from = position;
            int end = -1;
            ItemSummary summary = null;
            try (JsonParser parser = MAPPER.createParser(buffer, from, limit - from)) {
                parser.nextToken();
                summary = ItemSummary.readObject(parser);
                end = from + (int) parser.currentTokenLocation().getByteOffset() + 1;
            } catch (RuntimeException unusualOrUnreadable) {
                // its end by its brackets, as the document reader finds it
            }
            if (end < 0 || end - from >= maxItemChars - 1) {
                end = bracketEnd(from);
                if (end == NEED_MORE) {
                    // Cut off by the buffer: read on until its brackets close (or not), then parse it again.
                    do {
                        if (!fill()) {
                            return handOver(ItemScanner.Resume.ITEMS);
                        }
                        from = position;
                    } while ((end = bracketEnd(from)) == NEED_MORE);
                    continue;
                }
                if (end < 0) {
                    return handOver(ItemScanner.Resume.ITEMS); // broken, cut off or too long: the scanner decides
                }
                return decoded(from, end);
            }
            int lineFeeds = Utf8Bytes.lineFeedsIfWellFormed(buffer, from, end);
            if (lineFeeds < 0) {
                // Malformed UTF-8: the parser's idea of the item's end is not to be trusted, its brackets are.
                end = bracketEnd(from);
                return end < 0 ? handOver(ItemScanner.Resume.ITEMS) : decoded(from, end);
            }
            if (summary == null || !summary.identifies() || summary.auditID() == null || summary.envelopeField()
                    || end - from >= ItemSummary.MAX_STRING_LENGTH) {
                return decoded(from, end);
            }
            byte[] value = new byte[end - from + envelope.length];
            System.arraycopy(buffer, from, value, 0, end - from - 1);
            value[end - from - 1] = ',';
            System.arraycopy(envelope, 0, value, end - from, envelope.length);
            position = end;
            line += lineFeeds;
            return new Next(null, new Encoded(summary.auditID(), summary.stage(), value, end - from));
        }
    }

    /** The item {@code buffer[from, end)} as the document reader hands it out: deferred, its text decoded as it decodes. */
    private Next decoded(int from, int end) throws IOException { // REPLACE: never a coding error
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(buffer, from, end - from))
                .toString();
        AuditFileReader.Item item = new AuditFileReader.Item(source, line, null, text, null, null);
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                line++;
            }
        }
        position = end;
        return new Next(item, null);
    }

    /**
     * The end (exclusive) of the object at {@code from} by strings, escapes and brackets only, as {@link ItemScanner}
     * finds it; -1 when a bracket closes the wrong one, the input ends inside it or it reaches the reader's item
     * limit (the scanner then says which), {@link #NEED_MORE} when the buffer ends first.
     */
    private int bracketEnd(int from) {
        BracketStack brackets = new BracketStack();
        boolean string = false;
        boolean escape = false;
        int last = (int) Math.min(limit, from + (long) maxItemChars - 2);
        for (int i = from; i < last; i++) {
            byte c = buffer[i];
            if (string) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '{' || c == '[') {
                brackets.push(c == '{');
            } else if (c == '}' || c == ']') {
                if (brackets.depth() == 0 || brackets.top() != (c == '}')) {
                    return -1;
                }
                brackets.pop();
                if (brackets.depth() == 0) {
                    return i + 1;
                }
            }
        }
        return last < limit || endOfInput ? -1 : NEED_MORE;
    }

    /**
     * After the list's ']': done when only the EventList's closing brace and whitespace follow, as they do from the
     * API server; anything else to the scanner.
     */
    private Next afterItems() throws IOException {
        boolean closed = false;
        while (true) {
            if (position == limit && !fill()) {
                if (closed) {
                    state = State.DONE;
                    return null;
                }
                break;
            }
            byte b = buffer[position];
            if (isWhitespace(b)) {
                line += b == '\n' ? 1 : 0;
                position++;
            } else if (b == '}' && !closed) {
                closed = true;
                position++;
            } else {
                break;
            }
        }
        if (!closed) {
            return handOver(ItemScanner.Resume.AFTER_ITEMS);
        }
        return handOver(ItemScanner.Resume.AFTER_DOCUMENT);
    }

    /** ASCII characters {@link Character#isWhitespace} counts (the document reader's whitespace). */
    private static boolean isWhitespace(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    }

    /**
     * Reads more of the body after {@code limit}: first dropping the bytes before {@code position} when the buffer is
     * full and that is allowed, else growing it. False at the end of the input.
     */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (compacting && position > buffer.length / 2) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        } else if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
            return false;
        }
        limit += read;
        return true;
    }
}
