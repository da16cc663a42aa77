package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method on a schedule: deploy creates an EventBridge Scheduler schedule that invokes the function's stage
 * alias. The expression is checked at compile time with AWS's rules:
 * <ul>
 *   <li>{@code rate(5 minutes)}: minute(s), hour(s) or day(s), singular for 1 ({@code rate(1 hour)});</li>
 *   <li>{@code cron(0 12 * * ? *)}: minutes, hours, day-of-month, month, day-of-week, year; one of day-of-month and
 *       day-of-week is {@code ?};</li>
 *   <li>{@code at(2030-01-01T09:00:00)}: once.</li>
 * </ul>
 * The method takes no parameter, an {@link ScheduledEvent} and/or the Lambda {@code Context}, and returns void; an
 * exception fails the invocation, which Scheduler retries.
 *
 * <pre>{@code
 * @Schedule("cron(0 3 * * ? *)")
 * public static void nightlyReport(ScheduledEvent event) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Schedule {
    /** The schedule expression: {@code rate(...)}, {@code cron(...)} or {@code at(...)}. */
    String value();

    /** IANA time zone for cron and at expressions (e.g. {@code Europe/Paris}); default UTC. */
    String timezone() default "";

    /** Function name; default: the method name in kebab-case. */
    String name() default "";

    /** Memory in MB; 0 uses javeze.toml's default. */
    int memorySize() default 0;

    /** Timeout in seconds; 0 uses javeze.toml's default. */
    int timeout() default 0;

    /** Lambda SnapStart for this function's published versions; {@code DEFAULT} follows javeze.toml's {@code [lambda] snap_start}. */
    SnapStart snapStart() default SnapStart.DEFAULT;
}
