package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a {@link Route} or {@link Subscriber} publishes to a topic with {@link Topics#publish}.
 * Deploy grants the function {@code sns:Publish} on that topic only and passes its ARN in the environment.
 * Needs {@code software.amazon.awssdk:http-auth-aws} and {@code software.amazon.awssdk:url-connection-client} on the class
 * path (the SDK's SigV4 signer and its lightest HTTP client; the SNS client itself is not needed).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Publishers.class)
public @interface Publisher {
    /** Topic name: letters, digits, '-' and '_'. */
    String topic();
}
