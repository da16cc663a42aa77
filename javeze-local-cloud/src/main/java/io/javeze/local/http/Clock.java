package io.javeze.local.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps in the formats the AWS protocols use. */
public final class Clock {
    private static final DateTimeFormatter LAMBDA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private Clock() {}

    /** ISO 8601 with milliseconds, e.g. {@code 2025-01-01T00:00:00.000Z}. */
    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.MILLIS).toString().replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }

    /** Lambda's LastModified format, e.g. {@code 2025-01-01T00:00:00.000+0000}. */
    public static String lambda(long epochMillis) {
        return LAMBDA.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String httpDate(long epochMillis) {
        return RFC_1123.format(Instant.ofEpochMilli(epochMillis));
    }
}
