package dev.vigil.streams.rules.cel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subject of a PKCS#10 certificate request as a CertificateSigningRequest carries it ({@code spec.request}:
 * base64 of the PEM text), read with a small DER walker: CertificationRequest → CertificationRequestInfo →
 * version, subject Name (RFC 2986, RFC 5280). Only the subject is read; the request's signature is not checked (the
 * API server already did). Garbage in gives an empty subject, never an exception.
 */
final class CertificateRequests {

    /** DER of the attribute type OIDs 2.5.4.3 (commonName) and 2.5.4.10 (organizationName). */
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] ORGANIZATION = {0x55, 0x04, 0x0A};
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int OID = 0x06;
    private static final int INTEGER = 0x02;
    private static final int BMP_STRING = 0x1E;
    /** A CSR is a few hundred bytes to a few kB; more is not a CSR. */
    private static final int MAX_INPUT = 64 * 1024;

    private CertificateRequests() {
    }

    /** {@code {commonName: string, organizations: list(string)}}; empty values when the request cannot be read. */
    static Map<String, Object> subject(String request) {
        Subject subject = read(request);
        Map<String, Object> map = new LinkedHashMap<>(4);
        map.put("commonName", subject.commonName());
        map.put("organizations", subject.organizations());
        return map;
    }

    record Subject(String commonName, List<String> organizations) {
        static final Subject EMPTY = new Subject("", List.of());
    }

    static Subject read(String request) {
        if (request == null || request.isEmpty() || request.length() > MAX_INPUT) {
            return Subject.EMPTY;
        }
        try {
            byte[] der = der(request.strip());
            return der == null ? Subject.EMPTY : subjectOf(der);
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return Subject.EMPTY;
        }
    }

    /** The DER bytes: base64 of PEM (the API's form), a PEM text, or base64 of DER. */
    private static byte[] der(String text) {
        String pem = text.contains("-----BEGIN") ? text
                : new String(Base64.getMimeDecoder().decode(text), StandardCharsets.ISO_8859_1);
        int begin = pem.indexOf("-----BEGIN");
        if (begin < 0) {
            return pem.getBytes(StandardCharsets.ISO_8859_1);
        }
        int bodyStart = pem.indexOf('\n', begin);
        int end = pem.indexOf("-----END", begin);
        if (bodyStart < 0 || end < bodyStart) {
            return null;
        }
        return Base64.getMimeDecoder().decode(pem.substring(bodyStart + 1, end));
    }

    private static Subject subjectOf(byte[] der) {
        Tlv request = Tlv.at(der, 0, der.length);
        Tlv info = request.expect(SEQUENCE).firstChild().expect(SEQUENCE);
        Tlv version = info.firstChild().expect(INTEGER);
        Tlv name = version.next(info).expect(SEQUENCE);
        String commonName = "";
        List<String> organizations = new ArrayList<>();
        for (Tlv rdn = name.firstChildOrNull(); rdn != null; rdn = rdn.nextOrNull(name)) {
            rdn.expect(SET);
            for (Tlv attribute = rdn.firstChildOrNull(); attribute != null; attribute = attribute.nextOrNull(rdn)) {
                Tlv type = attribute.expect(SEQUENCE).firstChild().expect(OID);
                Tlv value = type.next(attribute);
                if (type.contentEquals(COMMON_NAME) && commonName.isEmpty()) {
                    commonName = value.text();
                } else if (type.contentEquals(ORGANIZATION)) {
                    organizations.add(value.text());
                }
            }
        }
        return new Subject(commonName, List.copyOf(organizations));
    }

    /** One DER tag-length-value inside {@code der}: its content runs from {@code content} to {@code end}. */
    private record Tlv(byte[] der, int tag, int content, int end) {

        static Tlv at(byte[] der, int start, int limit) {
            if (start + 2 > limit) {
                throw new IllegalArgumentException("truncated");
            }
            int tag = der[start] & 0xFF;
            int first = der[start + 1] & 0xFF;
            int offset = start + 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7F;
                if (bytes == 0 || bytes > 3 || offset + bytes > limit) {
                    throw new IllegalArgumentException("bad length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[offset++] & 0xFF);
                }
            }
            if (offset + length > limit) {
                throw new IllegalArgumentException("truncated");
            }
            return new Tlv(der, tag, offset, (int) (offset + length));
        }

        Tlv expect(int expectedTag) {
            if (tag != expectedTag) {
                throw new IllegalArgumentException("unexpected tag " + tag);
            }
            return this;
        }

        Tlv firstChild() {
            return at(der, content, end);
        }

        Tlv firstChildOrNull() {
            return content < end ? firstChild() : null;
        }

        Tlv next(Tlv parent) {
            return at(der, end, parent.end);
        }

        Tlv nextOrNull(Tlv parent) {
            return end < parent.end ? next(parent) : null;
        }

        boolean contentEquals(byte[] expected) {
            return Arrays.equals(der, content, end, expected, 0, expected.length);
        }

        /** UTF8String, PrintableString, IA5String, T61String as text; BMPString as UTF-16. */
        String text() {
            return new String(der, content, end - content,
                    tag == BMP_STRING ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8);
        }
    }
}
