package io.javeze.config.manifest;

import java.util.List;

/**
 * One {@code @Auth} handler, deployed as an HTTP API Lambda REQUEST authorizer with simple responses.
 *
 * @param name             the authorizer's name, the same as its function's name
 * @param function         the function that decides
 * @param identitySources  e.g. {@code $request.header.Authorization}; a request without them gets 401 unseen by the function
 * @param resultTtlSeconds how long API Gateway caches a decision, 0 for never
 */
public record AuthorizerSpec(String name, String function, List<String> identitySources, int resultTtlSeconds) {

    public AuthorizerSpec {
        identitySources = identitySources == null ? List.of() : List.copyOf(identitySources);
    }
}
