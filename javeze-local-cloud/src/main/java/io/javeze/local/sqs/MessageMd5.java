package io.javeze.local.sqs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;

/** The MD5 digests SQS reports and the SDKs verify: of the body, and of the message attributes in SQS's encoding. */
final class MessageMd5 {
    private MessageMd5() {}

    static String ofBody(String body) {
        return hex(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sorted by name: length-prefixed name, data type, transport byte (1 string, 2 binary) and length-prefixed value. */
    static String ofAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : new TreeSet<>(attributes.keySet())) {
            MessageAttribute a = attributes.get(name);
            writeString(out, name);
            writeString(out, a.dataType());
            if (a.binaryValue() != null) {
                out.write(2);
                writeBytes(out, a.binaryValue());
            } else {
                out.write(1);
                writeString(out, a.stringValue());
            }
        }
        return hex(out.toByteArray());
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] b) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }

    private static String hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
