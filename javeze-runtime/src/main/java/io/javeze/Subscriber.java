package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Receives every message published to a topic, through its own SQS queue (with a dead-letter queue).
 * The method's message parameter is the decoded message: {@code String} receives it raw, any other type
 * is decoded from JSON. A method that throws fails only that message, which is retried and, after
 * {@link #maxReceiveCount()} deliveries, moved to the dead-letter queue.
 *
 * <pre>{@code
 * @Subscriber(topic = "user-events")
 * public static void onUserEvent(UserEvent event) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Subscriber {
    /** Topic name: letters, digits, '-' and '_'. */
    String topic();

    /** Function name; default: the method name in kebab-case. */
    String name() default "";

    /** Messages per invocation, 1..10000 (SQS event source mapping). */
    int batchSize() default 10;

    /** Deliveries before a failing message moves to the dead-letter queue, 1..1000. */
    int maxReceiveCount() default 5;

    /** Memory in MB; 0 uses javeze.toml's default. */
    int memorySize() default 0;

    /** Timeout in seconds; 0 uses javeze.toml's default. */
    int timeout() default 0;

    /** Lambda SnapStart for this function's published versions; {@code DEFAULT} follows javeze.toml's {@code [lambda] snap_start}. */
    SnapStart snapStart() default SnapStart.DEFAULT;
}
