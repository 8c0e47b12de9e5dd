package dev.vigil.model.audit;

import java.io.IOException;
import java.io.Reader;

/**
 * Finds where the items of a streamed JSON document begin and end — an EventList's items, an array's elements,
 * concatenated values — without parsing them: it follows only strings, escapes and brackets, so nothing inside an
 * item (duplicate keys, deep nesting, long names, a syntax error that keeps the brackets balanced) can stop it.
 * {@link ItemParser} then parses each item on its own, under the parser's limits. Memory is bounded by
 * {@code maxItemChars}: a longer item comes out in parts. Once a bracket closes the wrong one there is no telling
 * where the next item starts, so everything from the broken item to the end of the input comes out, unread, in parts.
 */
final class ItemScanner {

    enum Kind { ITEM, OVERSIZE, TRUNCATED, UNREAD_REST }

    /** A stretch of the input: an item's text, or a part of what could not be split into items ({@code error}). */
    record Piece(long line, String text, Kind kind, String error) {
    }

    private enum State { ROOT, LIST, VALUE, TAIL, BROKEN, DONE }

    private static final int UNREAD_CHUNK = 256 * 1024;
    /** Characters outside strings that may change the scanner's state; every other one is taken in runs. */
    private static final String STRUCTURAL = "\"{}[]:,\n";
    private static final boolean[] IS_STRUCTURAL = new boolean[128];

    static {
        for (char c : STRUCTURAL.toCharArray()) {
            IS_STRUCTURAL[c] = true;
        }
    }

    private final Reader in;
    private final int maxItemChars;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private State state = State.ROOT;
    private String brokenReason;

    // the value being scanned
    private final CharRun text = new CharRun();
    /**
     * Whether the value being scanned is still being collected: its characters from {@code pendingFrom} to
     * {@code position} are in the buffer and join {@code text} only when the buffer is refilled or the value taken,
     * in one copy rather than one per run or character.
     */
    private boolean collecting;
    private int pendingFrom;
    private final BracketStack brackets = new BracketStack();
    private State resume;
    private long startLine;
    private int part;
    private boolean scalar;
    private boolean inString;
    private boolean escape;
    // depth-1 tokens of a root object, to find an EventList's items
    private boolean root;
    private boolean listInRoot;
    private boolean expectingValue;
    private StringBuilder token;
    private String lastName;
    private String kind;

    ItemScanner(Reader in, int maxItemChars) {
        this.in = in;
        this.maxItemChars = maxItemChars;
    }

    /** Where in an EventList document another reader ({@link Utf8ItemReader}) stopped and a scanner takes over. */
    enum Resume {
        /** Inside the list's items: before an item, a comma or the list's ']'. */
        ITEMS,
        /** Just after the list's ']', inside the EventList object. */
        AFTER_ITEMS,
        /** After the EventList object, where another value may follow. */
        AFTER_DOCUMENT
    }

    /**
     * A scanner for the rest of a document that another reader read up to here itself, at {@code line}: it goes on
     * exactly as a scanner that had read the document from its start.
     */
    static ItemScanner resumed(Reader in, int maxItemChars, Resume where, long line) {
        ItemScanner scanner = new ItemScanner(in, maxItemChars);
        scanner.state = switch (where) {
            case ITEMS -> State.LIST;
            case AFTER_ITEMS -> State.TAIL;
            case AFTER_DOCUMENT -> State.ROOT;
        };
        scanner.listInRoot = true;
        scanner.line = line;
        return scanner;
    }

    /** The next piece, or null at the end of the input. */
    Piece next() throws IOException {
        while (true) {
            switch (state) {
                case DONE:
                    return null;
                case BROKEN:
                    return unread();
                case VALUE: {
                    Piece piece = scanValue();
                    if (piece != null) {
                        return piece;
                    }
                    break;
                }
                case ROOT: {
                    skipWhitespace();
                    int c = peek();
                    if (c < 0) {
                        state = State.DONE;
                    } else if (c == '[') {
                        consume();
                        listInRoot = false;
                        state = State.LIST;
                    } else if (c == ',') {
                        consume(); // values separated by commas without brackets
                    } else if (c == ']' || c == '}') {
                        return broken("'" + (char) c + "' closes nothing");
                    } else {
                        startValue(State.ROOT, c == '{');
                    }
                    break;
                }
                case LIST: {
                    skipWhitespace();
                    int c = peek();
                    if (c < 0) {
                        state = State.DONE; // ends after a complete item: nothing is lost
                    } else if (c == ']') {
                        consume();
                        state = listInRoot ? State.TAIL : State.ROOT;
                    } else if (c == ',') {
                        consume();
                    } else if (c == '}') {
                        return broken("'}' where an item or ']' was expected");
                    } else {
                        startValue(State.LIST, false);
                    }
                    break;
                }
                case TAIL:
                    skipTail();
                    break;
                default:
                    throw new IllegalStateException(String.valueOf(state));
            }
        }
    }

    private void startValue(State after, boolean rootObject) throws IOException {
        int c = peek();
        text.clear();
        collecting = true;
        pendingFrom = position;
        brackets.clear();
        resume = after;
        startLine = line;
        part = 0;
        scalar = c != '{' && c != '[' && c != '"';
        inString = false;
        escape = false;
        root = rootObject;
        expectingValue = false;
        token = null;
        lastName = null;
        kind = null;
        state = State.VALUE;
    }

    /** Scans on through the current value; null when it turned out to be the start of an EventList's items. */
    private Piece scanValue() throws IOException {
        while (true) {
            if (length() >= maxItemChars) {
                part++;
                return take(Kind.OVERSIZE, "item larger than " + maxItemChars + " characters (part " + part + ")");
            }
            if (!scalar && !escape && position < limit && appendRun()) {
                continue;
            }
            int c = peek();
            if (c < 0) {
                state = State.DONE;
                if (length() == 0 && part == 0) {
                    collecting = false;
                    return null;
                }
                return scalar && part == 0 ? complete()
                        : take(part > 0 ? Kind.OVERSIZE : Kind.TRUNCATED, "not valid JSON: the input ends inside the item"
                        + (part > 0 ? " (part " + (part + 1) + ")" : ""));
            }
            if (scalar) {
                if (c == ',' || c == ']' || c == '}' || Character.isWhitespace(c)) {
                    return complete();
                }
                consume();
                continue;
            }
            consume();
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    inString = false;
                    if (brackets.depth() == 0) {
                        return complete();
                    }
                    if (root && brackets.depth() == 1) {
                        rootToken();
                    }
                } else if (token != null && token.length() < 16) {
                    token.append((char) c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    token = root && brackets.depth() == 1 ? new StringBuilder() : null;
                }
                case '{', '[' -> {
                    if (c == '[' && root && brackets.depth() == 1 && expectingValue && "items".equals(lastName)
                            && (kind == null || kind.equals("EventList"))) {
                        text.clear(); // the list's own fields carry no events
                        collecting = false;
                        listInRoot = true;
                        state = State.LIST;
                        return null;
                    }
                    brackets.push(c == '{');
                }
                case '}', ']' -> {
                    if (brackets.depth() == 0 || brackets.top() != (c == '}')) {
                        return broken("'" + (char) c + "' closes " + (brackets.depth() == 0 ? "nothing"
                                : brackets.top() ? "an object" : "an array"));
                    }
                    brackets.pop();
                    if (brackets.depth() == 0) {
                        return complete();
                    }
                }
                case ':', ',' -> {
                    if (root && brackets.depth() == 1) {
                        expectingValue = c == ':';
                        lastName = c == ':' ? lastName : null;
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * Takes a run of characters that change no state at once (most of an item: string contents, numbers, names),
     * rather than one by one; false when the next character needs a look of its own.
     */
    private boolean appendRun() {
        int end = Math.min(limit, position + (maxItemChars - length()));
        int run = position;
        if (inString) {
            if (token != null && token.length() < 16) {
                return false; // a root-level name or kind value being collected (longer ones are not kept)
            }
            char c;
            while (run < end && (c = buffer[run]) != '"' && c != '\\' && c != '\n') {
                run++;
            }
        } else {
            char c;
            while (run < end && ((c = buffer[run]) >= 128 || !IS_STRUCTURAL[c])) {
                run++;
            }
        }
        if (run == position) {
            return false;
        }
        position = run;
        return true;
    }

    /** A string just ended directly inside the root object: a field name, or the value of {@code kind}. */
    private void rootToken() {
        String value = token.length() < 16 ? token.toString() : null;
        if (!expectingValue) {
            lastName = value;
        } else if ("kind".equals(lastName)) {
            kind = value == null ? "" : value;
        }
        token = null;
    }

    private Piece complete() {
        state = resume;
        return take(part > 0 ? Kind.OVERSIZE : Kind.ITEM,
                part > 0 ? "item larger than " + maxItemChars + " characters (part " + (part + 1) + ", the last)" : null);
    }

    private Piece take(Kind kind, String error) {
        flush();
        Piece piece = new Piece(startLine, text.toString(), kind, error);
        text.clear();
        collecting = state == State.VALUE; // the next part of an oversize value
        return piece;
    }

    /** The characters of the value collected so far. */
    private int length() {
        return text.length() + (collecting ? position - pendingFrom : 0);
    }

    /** Moves the collected characters still in the buffer into {@code text}. */
    private void flush() {
        if (collecting) {
            text.append(buffer, pendingFrom, position - pendingFrom);
            pendingFrom = position;
        }
    }

    /** The rest of the input cannot be split into items: it comes out as it is, starting with the broken item. */
    private Piece broken(String why) throws IOException {
        flush();
        collecting = false; // from here on unread() collects, character by character
        brokenReason = "not valid JSON: the document is broken at line " + line + " (" + why
                + "); the rest of the input was not read as items";
        state = State.BROKEN;
        return text.isEmpty() ? unread() : take(Kind.UNREAD_REST, brokenReason);
    }

    private Piece unread() throws IOException {
        startLine = text.isEmpty() ? line : startLine;
        int chunk = Math.min(maxItemChars, UNREAD_CHUNK);
        while (text.length() < chunk) {
            int c = peek();
            if (c < 0) {
                break;
            }
            text.append((char) c);
            consume();
        }
        if (text.isEmpty()) {
            state = State.DONE;
            return null;
        }
        return take(Kind.UNREAD_REST, brokenReason);
    }

    /** Skips what follows an EventList's items up to the end of the list object (metadata carries no events). */
    private void skipTail() throws IOException {
        int depth = 1;
        boolean string = false;
        boolean escaped = false;
        while (depth > 0) {
            int c = peek();
            if (c < 0) {
                state = State.DONE;
                return;
            }
            consume();
            if (string) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        state = State.ROOT;
    }

    private void skipWhitespace() throws IOException {
        int c;
        while ((c = peek()) >= 0 && Character.isWhitespace(c)) {
            consume();
        }
    }

    private int peek() throws IOException {
        while (position == limit) {
            flush();
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                return -1;
            }
            position = 0;
            limit = read;
            pendingFrom = 0;
        }
        return buffer[position];
    }

    private void consume() {
        if (buffer[position++] == '\n') {
            line++;
        }
    }
}
