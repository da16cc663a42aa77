package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter of a protected route to a value of the context its {@link Auth} handler returned
 * with {@link AuthResult#allow(java.util.Map)}. Same types and rules as {@link Query}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface AuthContext {
    /** The context key; default: the Java parameter name. */
    String value() default "";

    boolean required() default true;

    String defaultValue() default Query.NONE;
}
