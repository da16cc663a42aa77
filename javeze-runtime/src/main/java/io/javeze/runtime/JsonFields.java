package io.javeze.runtime;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where in a JSON document a reader is, as a field path ({@code owner.id}, {@code items[2].name}), for error messages
 * that name the field the client sent and never a Java class.
 */
final class JsonFields {
    private JsonFields() {}

    /** The path of the value the parser is at; {@code body} for the document itself. */
    static String path(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        // at a START token the parser has already entered the new object or array; the value is its parent's
        if (p.currentToken() != null && p.currentToken().isStructStart() && context != null) context = context.getParent();
        return path(context);
    }

    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0 && !part.startsWith("[")) out.append('.');
            out.append(part);
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    /** A problem with the value the parser is at: {@code "owner.id" must be an integer, got a string}. */
    static JsonParseException invalid(JsonParser p, String problem) {
        return new JsonParseException(p, "\"" + path(p) + "\" " + problem);
    }
}
