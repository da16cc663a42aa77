package io.javeze.config.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A handler method parameter.
 *
 * @param name         the name it is bound by (path variable, query or header name; the Java name otherwise)
 * @param source       where its value comes from
 * @param type         the declared Java type, as written by the compiler
 * @param required     whether a missing value is a 400
 * @param defaultValue the value used when it is missing and not required, or null
 * @param schema       the JSON Schema (2020-12) of its value, or null where none applies (the raw request, the context)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterSpec(String name, Source source, String type, boolean required, String defaultValue, JsonNode schema) {

    public ParameterSpec(String name, Source source, String type, boolean required, String defaultValue) {
        this(name, source, type, required, defaultValue, null);
    }

    public enum Source { PATH, QUERY, HEADER, COOKIE, BODY, REQUEST, AUTH_CONTEXT, MESSAGE }
}
