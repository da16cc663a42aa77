package io.javeze.local.s3;

import io.javeze.local.http.AwsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte range of a GetObject, from its {@code Range} header as S3 reads it (RFC 9110, one range only):
 * {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffixLength}. A header that is not one such range
 * is ignored (the whole object, 200); a range that starts past the end is 416 InvalidRange.
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** The range to serve of an object of {@code size} bytes, or null for the whole object. */
    static ByteRange of(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || m.group(1).length() > 18 || m.group(2).length() > 18) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (last < first) {
            return null; // syntactically invalid: ignored, as RFC 9110 and S3 do
        }
        if (first >= size) {
            throw unsatisfiable(header, size);
        }
        return new ByteRange(first, Math.min(last, size - 1));
    }

    long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} of a 206 answer. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    private static AwsException unsatisfiable(String header, long size) {
        return new AwsException(416, "InvalidRange", "The requested range is not satisfiable (" + header
                + " of an object of " + size + " bytes)");
    }
}
