package dev.vigil.model.json;

import tools.jackson.core.SerializableString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A JSON value that goes into a document as the UTF-8 bytes it came in, through
 * {@code JsonGenerator.writeRawValue(SerializableString)}: a UTF-8 generator copies them straight into its buffer, so
 * a value read from a record need not become a tree only to be written out again. The bytes must be one well-formed
 * JSON value; whoever makes one has checked that. Only the unquoted UTF-8 forms are used by a UTF-8 generator.
 *
 * @param bytes  the buffer holding the value (not copied: keep it unchanged)
 * @param offset where the value starts
 * @param length its length in bytes
 */
public record RawJsonValue(byte[] bytes, int offset, int length) implements SerializableString {

    public RawJsonValue {
        Objects.checkFromIndexSize(offset, length, bytes.length);
    }

    /** The whole buffer as one value. */
    public static RawJsonValue of(byte[] utf8) {
        return new RawJsonValue(utf8, 0, utf8.length);
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        if (at + length > buffer.length) {
            return -1; // the generator then writes asUnquotedUTF8() through
        }
        System.arraycopy(bytes, offset, buffer, at, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        String value = getValue();
        if (at + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, at);
        return value.length();
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (length > buffer.remaining()) {
            return -1;
        }
        buffer.put(bytes, offset, length);
        return length;
    }

    // a raw value is never quoted
    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException("a raw JSON value is not quoted");
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("a raw JSON value is not quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        throw new UnsupportedOperationException("a raw JSON value is not quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        throw new UnsupportedOperationException("a raw JSON value is not quoted");
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("a raw JSON value is not quoted");
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw new UnsupportedOperationException("a raw JSON value is not quoted");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJsonValue that && Arrays.equals(bytes, offset, offset + length,
                that.bytes, that.offset, that.offset + that.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return "RawJsonValue[" + length + " bytes]";
    }
}
