package io.javeze.config.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a route answers when its method returns normally.
 *
 * @param contentType {@code application/json}, {@code text/plain; charset=utf-8}, {@code application/octet-stream},
 *                    or null for no body (a {@code void} method: 204)
 * @param schema      the JSON Schema (2020-12) of the body, or null when it has none
 * @param optional    the method returns an {@code Optional}: an empty one answers 404
 * @param custom      the method returns {@code io.javeze.Response}: status, headers and body are the method's choice
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseSpec(String contentType, JsonNode schema, boolean optional, boolean custom) {}
