package io.javeze.config.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Fire times: what the local cloud runs a schedule at. */
class ScheduleExpressionTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Instant next(String expression, String after) {
        return ScheduleExpression.parse(expression).next(Instant.parse(after), Instant.parse("2030-01-01T00:00:00Z"), UTC);
    }

    @Test
    void ratesFireEveryPeriodFromTheStart() {
        assertThat(next("rate(5 minutes)", "2030-01-01T00:07:00Z")).isEqualTo("2030-01-01T00:10:00Z");
        assertThat(next("rate(5 minutes)", "2030-01-01T00:10:00Z")).isEqualTo("2030-01-01T00:15:00Z");
        assertThat(next("rate(1 day)", "2029-12-31T00:00:00Z")).isEqualTo("2030-01-02T00:00:00Z");
    }

    @Test
    void cronFieldsAsAwsDocumentsThem() {
        assertThat(next("cron(0 12 * * ? *)", "2030-01-01T12:00:00Z")).isEqualTo("2030-01-02T12:00:00Z");
        // 2030-01-04 is a Friday: MON-FRI at 18:00 skips the weekend after it
        assertThat(next("cron(0 18 ? * MON-FRI *)", "2030-01-04T18:00:00Z")).isEqualTo("2030-01-07T18:00:00Z");
        assertThat(next("cron(0/15 * * * ? *)", "2030-01-01T00:16:00Z")).isEqualTo("2030-01-01T00:30:00Z");
        assertThat(next("cron(0 9 ? * 2#1 *)", "2030-01-01T00:00:00Z")).isEqualTo("2030-01-07T09:00:00Z"); // first Monday
        assertThat(next("cron(0 0 L * ? *)", "2030-02-01T00:00:00Z")).isEqualTo("2030-02-28T00:00:00Z");
        assertThat(next("cron(0 0 ? * 6L *)", "2030-01-01T00:00:00Z")).isEqualTo("2030-01-25T00:00:00Z"); // last Friday
        assertThat(next("cron(0 0 1W * ? *)", "2030-05-31T00:00:00Z")).isEqualTo("2030-06-03T00:00:00Z"); // June 1 is a Saturday
        assertThat(next("cron(0 0 1 1 ? 2030)", "2030-01-01T00:00:00Z")).isNull();
    }

    @Test
    void cronAndAtReadTheScheduleTimeZone() {
        ScheduleExpression paris = ScheduleExpression.parse("cron(0 3 * * ? *)");
        assertThat(paris.next(Instant.parse("2030-01-01T00:00:00Z"), null, ZoneId.of("Europe/Paris"))).isEqualTo("2030-01-01T02:00:00Z");
        ScheduleExpression at = ScheduleExpression.parse("at(2030-06-01T12:00:00)");
        assertThat(at.next(Instant.parse("2030-01-01T00:00:00Z"), null, ZoneId.of("Europe/Paris"))).isEqualTo("2030-06-01T10:00:00Z");
        assertThat(at.next(Instant.parse("2030-06-01T10:00:00Z"), null, ZoneId.of("Europe/Paris"))).isNull();
    }
}
