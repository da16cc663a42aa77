package io.javeze.runtime;

import io.javeze.ScheduledEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One invocation of a generated schedule handler: reads the payload javeze's schedules send (Scheduler's context
 * attributes, see {@code ScheduleSpec.INPUT}) into a {@link ScheduledEvent}. A payload without them (a manual
 * {@code javeze invoke}) gives an event with what is there.
 */
public final class ScheduleCall {
    private ScheduleCall() {}

    public static ScheduledEvent read(InputStream input) throws IOException {
        String text = new String(input.readAllBytes(), StandardCharsets.UTF_8).trim();
        Map<String, Object> fields = text.startsWith("{") ? Json.readMap(text) : Map.of();
        return new ScheduledEvent(string(fields.get("scheduleArn")), instant(fields.get("scheduledTime")),
                string(fields.get("executionId")), attempt(fields.get("attemptNumber")));
    }

    /** A scheduled function answers nothing; Scheduler ignores the result. */
    public static void write(OutputStream output) throws IOException {
        output.write("null".getBytes(StandardCharsets.UTF_8));
    }

    /** Fails the invocation (so Scheduler retries it) with the method's exception. */
    public static RuntimeException failure(Exception e) {
        return e instanceof RuntimeException r ? r : new RuntimeException(e);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Instant instant(Object value) {
        if (value == null) return null;
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int attempt(Object value) {
        if (value instanceof Number n) return n.intValue();
        try {
            return value == null ? 1 : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
