package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the request body parameter. Optional for records and POJOs (a parameter of such a type that is not
 * otherwise annotated is the body); needed for a raw {@code String} or {@code byte[]} body.
 * JSON bodies are decoded into the parameter's type ({@code List<T>} and {@code Map<String, Object>} too);
 * invalid JSON is a 400 naming the problem. A route has at most one body and GET/HEAD routes none.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Body {
    /** When false, a missing or empty body gives null instead of a 400. */
    boolean required() default true;
}
