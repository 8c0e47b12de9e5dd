package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.json.JsonMapper;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/**
 * The webhook's reader: the items of a streamed {@code EventList} body read from its UTF-8 bytes, each plain event
 * checked and made into its record in one pass — {@link PlainEventScanner} finds the item's end in the body's own
 * buffer while it checks what {@link ItemSummary} checks and that the bytes are well-formed UTF-8, and the record
 * value is the item's bytes with the ingest envelope in one copy. No characters are decoded for such an item. An item
 * the scanner is not sure of is read by Jackson's byte parser with {@link ItemSummary} (and checked for UTF-8 apart).
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
    /** The bytes read ahead of an item the buffer cut off: half the body buffer's initial size. */
    private static final int READ_AHEAD = 64 * 1024;
    private static final JsonMapper MAPPER = VigilJson.tolerantMapper();

    private enum State { ITEMS, DELEGATED, DONE }

    private final BodyBytes body;
    private final String source;
    private final int maxItemChars;
    private final byte[] envelope;
    private final PlainEventScanner scanner = new PlainEventScanner();
    /** The line of the byte at {@code body.position}, counted as {@link ItemScanner} counts. */
    private long line = 1;
    private State state = State.ITEMS;
    private AuditFileReader delegate;
    private Next pending;

    private Utf8ItemReader(InputStream in, String source, int maxItemChars, byte[] envelope) {
        this.body = new BodyBytes(in);
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
        body.close();
    }

    /** The format probe and the EventList's head, up to its items; or the whole body to the document reader. */
    private void start() throws IOException {
        int counted = 0;
        int at = 0;
        // Characters are at least the bytes that do not continue a sequence (a malformed one is one U+FFFD).
        while (counted < PROBE_CHARS) {
            if (counted <= PROBE_CHARS - 8 && at <= body.limit - 8 && Utf8Bytes.asciiWithoutLineFeed(body.buffer, at)) {
                counted += 8; // eight characters, none a line feed: the common case, a word at a time
                at += 8;
                continue;
            }
            if (at == body.limit && !body.fill()) {
                replay();
                return;
            }
            byte b = body.buffer[at++];
            if (b == '\n') {
                replay(); // JSON lines, or a document whose first line decides (the document reader's probe)
                return;
            }
            if ((b & 0xC0) != 0x80) {
                counted++;
            }
        }
        byte[] buffer = body.buffer;
        int from = (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF ? 3 : 0;
        while (from < body.limit && BodyBytes.isWhitespace(buffer[from])) {
            from++;
        }
        if (from == body.limit || buffer[from] != '{') {
            replay();
            return;
        }
        int items;
        while ((items = itemsOf(from)) == BodyBytes.NEED_MORE) {
            if (!body.fill()) {
                replay();
                return;
            }
        }
        if (items < 0 || !plainAscii(from, items)) {
            replay();
            return;
        }
        line += body.lineFeeds(0, items);
        body.position = items;
        body.compacting = true;
    }

    /**
     * Where the items of the EventList object at {@code from} begin (just after its {@code "items":[}), -1 when it is
     * none (a single event, or not valid JSON up to there), {@link BodyBytes#NEED_MORE} when the buffer ends first.
     * Read as {@link ItemScanner} reads the root object: the list is the first {@code items} array while
     * {@code kind} is still absent or {@code EventList}.
     */
    private int itemsOf(int from) {
        try (JsonParser parser = MAPPER.createParser(body.buffer, from, body.limit - from)) {
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
            return body.endOfInput ? -1 : BodyBytes.NEED_MORE;
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
            if (body.buffer[i] == '\\' || body.buffer[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The whole body, from its first byte, to the document reader. */
    private void replay() {
        delegate = AuditFileReader.deferred(body.from(0), source, maxItemChars);
        state = State.DELEGATED;
    }

    /** The rest of the body, from {@code position}, to a document scanner resumed there. */
    private Next handOver(ItemScanner.Resume where) {
        delegate = AuditFileReader.resumed(body.from(body.position), source, maxItemChars, where, line);
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
            if (body.position == body.limit && !body.fill()) {
                state = State.DONE; // the input ends after a complete item: nothing is lost (as ItemScanner)
                return null;
            }
            byte b = body.buffer[body.position];
            if (b == ',' || BodyBytes.isWhitespace(b)) {
                if (b == '\n') {
                    line++;
                }
                body.position++;
            } else if (b == '{') {
                return item();
            } else if (b == ']') {
                body.position++;
                return afterItems();
            } else {
                return handOver(ItemScanner.Resume.ITEMS);
            }
        }
    }

    /** The item at {@code position}: checked from its bytes, or handed on as the document reader would. */
    private Next item() throws IOException {
        // Shorter than this in bytes, it is shorter in characters: the document reader does not cut it into parts.
        int maxLength = maxItemChars - 2;
        while (true) {
            int from = body.position;
            int end = scanner.scan(body.buffer, from, body.limit);
            if (end > 0 && end - from <= maxLength && end - from < ItemSummary.MAX_STRING_LENGTH) {
                return encoded(from, end, scanner.auditID(), scanner.stage(), scanner.lineFeeds());
            }
            if (scanner.cutOff() && body.limit - from < maxLength && readOn()) {
                continue; // a plain event so far that the buffer cut off: scanned again with more of the body
            }
            end = -1;
            ItemSummary summary = null;
            try (JsonParser parser = MAPPER.createParser(body.buffer, from, body.limit - from)) {
                parser.nextToken();
                summary = ItemSummary.readObject(parser);
                end = from + (int) parser.currentTokenLocation().getByteOffset() + 1;
            } catch (RuntimeException unusualOrUnreadable) {
                // its end by its brackets, as the document reader finds it
            }
            if (end < 0 || end - from > maxLength) {
                end = body.bracketEnd(from, maxLength);
                if (end == BodyBytes.NEED_MORE) {
                    // Cut off by the buffer: read on until its brackets close (or not), then parse it again.
                    do {
                        if (!body.fill()) {
                            return handOver(ItemScanner.Resume.ITEMS);
                        }
                    } while ((end = body.bracketEnd(body.position, maxLength)) == BodyBytes.NEED_MORE);
                    continue;
                }
                // broken, cut off or too long: the scanner says which
                return end < 0 ? handOver(ItemScanner.Resume.ITEMS) : decoded(from, end);
            }
            int lineFeeds = Utf8Bytes.lineFeedsIfWellFormed(body.buffer, from, end);
            if (lineFeeds < 0) {
                // Malformed UTF-8: the parser's idea of the item's end is not to be trusted, its brackets are.
                end = body.bracketEnd(from, maxLength);
                return end < 0 ? handOver(ItemScanner.Resume.ITEMS) : decoded(from, end);
            }
            if (summary == null || !summary.identifies() || summary.auditID() == null || summary.envelopeField()
                    || end - from >= ItemSummary.MAX_STRING_LENGTH) {
                return decoded(from, end);
            }
            return encoded(from, end, summary.auditID(), summary.stage(), lineFeeds);
        }
    }

    /**
     * Reads on after an item the buffer cut off: at least twice what the buffer held of the item (so that a large item
     * arriving in small reads is scanned again a few times, not once per read), and at least {@link #READ_AHEAD}
     * (a socket hands a body over some 8 KB a read: scanning items up to the end of each read cut one off every
     * few items, each time scanned again from its start). False at the end of the input.
     */
    private boolean readOn() throws IOException {
        int want = Math.max(2 * (body.limit - body.position) + 4096, READ_AHEAD);
        boolean more = false;
        while (body.limit - body.position < want && body.fill()) {
            more = true;
        }
        return more;
    }

    /** The event {@code buffer[from, end)} as its record: its bytes, the envelope in place of its closing brace. */
    private Next encoded(int from, int end, String auditID, String stage, int lineFeeds) {
        int length = end - from;
        byte[] value = new byte[length + envelope.length];
        System.arraycopy(body.buffer, from, value, 0, length - 1);
        value[length - 1] = ',';
        System.arraycopy(envelope, 0, value, length, envelope.length);
        body.position = end;
        line += lineFeeds;
        return new Next(null, new Encoded(auditID, stage, value, length));
    }

    /** The item {@code buffer[from, end)} as the document reader hands it out: deferred, its text decoded as it decodes. */
    private Next decoded(int from, int end) throws IOException { // REPLACE: never a coding error
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(body.buffer, from, end - from)).toString();
        AuditFileReader.Item item = new AuditFileReader.Item(source, line, null, text, null, null);
        line += body.lineFeeds(from, end);
        body.position = end;
        return new Next(item, null);
    }

    /**
     * After the list's ']': done when only the EventList's closing brace and whitespace follow, as they do from the
     * API server; anything else to the scanner.
     */
    private Next afterItems() throws IOException {
        boolean closed = false;
        while (true) {
            if (body.position == body.limit && !body.fill()) {
                if (closed) {
                    state = State.DONE;
                    return null;
                }
                break;
            }
            byte b = body.buffer[body.position];
            if (BodyBytes.isWhitespace(b)) {
                line += b == '\n' ? 1 : 0;
                body.position++;
            } else if (b == '}' && !closed) {
                closed = true;
                body.position++;
            } else {
                break;
            }
        }
        return handOver(closed ? ItemScanner.Resume.AFTER_DOCUMENT : ItemScanner.Resume.AFTER_ITEMS);
    }
}
