package io.javeze.config;

import java.util.List;

/**
 * {@code [http.cors]}: the HTTP API's CORS configuration, as API Gateway's {@code CorsConfiguration} takes it. API
 * Gateway then answers preflight {@code OPTIONS} requests itself and adds the headers to every response.
 *
 * @param allowOrigins     {@code https://app.example.com}, {@code https://*}, {@code http://*} or {@code *}
 * @param allowMethods     HTTP methods, or {@code *}
 * @param allowHeaders     request headers a browser may send, or {@code *}
 * @param exposeHeaders    response headers a page may read, or {@code *}
 * @param allowCredentials whether cookies and authorization headers may be sent (not with the {@code *} origin)
 * @param maxAge           seconds a browser may cache a preflight answer (-1..86400), or null for API Gateway's default
 */
public record HttpCors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, boolean allowCredentials, Integer maxAge) {

    public HttpCors {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
