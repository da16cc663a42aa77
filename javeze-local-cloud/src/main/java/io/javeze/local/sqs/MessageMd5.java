package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The MD5 digests SQS reports and the SDKs verify: of the body, and of the message attributes in SQS's encoding. */
final class MessageMd5 {
    private MessageMd5() {}

    static String ofBody(String body) {
        return hex(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sorted by name: length-prefixed name, data type, transport byte (1 string, 2 binary) and length-prefixed value. */
    static String ofAttributes(JsonNode attributes) {
        if (attributes == null || attributes.size() == 0) {
            return null;
        }
        List<String> names = new ArrayList<>();
        attributes.fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : names) {
            JsonNode a = attributes.get(name);
            writeString(out, name);
            writeString(out, a.path("DataType").asText());
            if (a.hasNonNull("BinaryValue")) {
                out.write(2);
                writeBytes(out, Base64.getDecoder().decode(a.get("BinaryValue").asText()));
            } else {
                out.write(1);
                writeString(out, a.path("StringValue").asText());
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
