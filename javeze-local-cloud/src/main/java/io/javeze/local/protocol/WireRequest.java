package io.javeze.local.protocol;

import java.util.List;
import java.util.Map;

/**
 * An AWS API request as the wire carried it.
 *
 * @param pathParams the REST request URI's labels, decoded ({@code {FunctionName}}, greedy {@code {Key+}})
 * @param query      the decoded query string
 * @param headers    by lower-case name
 * @param params     the query protocol's parameters (form body and query string)
 */
public record WireRequest(String method, String rawPath, Map<String, String> pathParams, Map<String, List<String>> query,
                          Map<String, List<String>> headers, Map<String, String> params, byte[] body) {
    public String header(String lowerCaseName) {
        List<String> v = headers.get(lowerCaseName);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
