package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a function to resources declared in {@code javeze.toml}'s {@code [resources]}: on a {@link Route},
 * {@link Auth} or {@link Subscriber} method, or on a class for all of its functions.
 *
 * <pre>{@code
 * @Uses("orders")
 * @Route(method = "GET", path = "/orders/{id}")
 * public Order get(String id) { ... dynamo.getItem(b -> b.tableName(Resources.name("orders")) ...) ... }
 * }</pre>
 *
 * Deploy grants the function the AWS SDK calls its code makes on those resources' ARNs only, and passes each
 * resource's name in the environment ({@link Resources#name}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Uses {
    /** Keys of {@code [resources]}. */
    String[] value();
}
