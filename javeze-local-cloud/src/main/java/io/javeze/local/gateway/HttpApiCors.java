package io.javeze.local.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CORS as API Gateway applies an HTTP API's {@code CorsConfiguration}: it answers preflight {@code OPTIONS} requests
 * itself (also without an OPTIONS route), adds the configured headers to integration responses and drops any CORS
 * headers the integration returned. Only requests with an {@code Origin} get CORS headers; a preflight also needs
 * {@code Access-Control-Request-Method}.
 */
final class HttpApiCors {
    private HttpApiCors() {}

    static boolean isPreflight(RequestFacts facts) {
        return "OPTIONS".equals(facts.request.method()) && facts.header("origin") != null
                && facts.header("access-control-request-method") != null;
    }

    /** 204 with the configured headers; an origin that is not allowed gets none, so the browser refuses. */
    static GatewayResponse preflight(HttpApiView.Cors cors, RequestFacts facts) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String origin = facts.header("origin");
        if (allowed(cors, origin)) {
            common(cors, origin, headers);
            if (!cors.allowMethods().isEmpty()) headers.put("access-control-allow-methods", List.of(String.join(",", cors.allowMethods())));
            if (!cors.allowHeaders().isEmpty()) headers.put("access-control-allow-headers", List.of(String.join(",", cors.allowHeaders())));
            if (cors.maxAge() != null) headers.put("access-control-max-age", List.of(Integer.toString(cors.maxAge())));
        }
        return new GatewayResponse(204, headers, new byte[0]);
    }

    static GatewayResponse apply(HttpApiView.Cors cors, String origin, GatewayResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            if (!name.toLowerCase(Locale.ROOT).startsWith("access-control-")) headers.put(name, values);
        });
        if (origin != null && allowed(cors, origin)) {
            common(cors, origin, headers);
            if (!cors.exposeHeaders().isEmpty()) headers.put("access-control-expose-headers", List.of(String.join(",", cors.exposeHeaders())));
        }
        return new GatewayResponse(response.status(), headers, response.body());
    }

    private static void common(HttpApiView.Cors cors, String origin, Map<String, List<String>> headers) {
        boolean any = cors.allowOrigins().contains("*") && !cors.allowCredentials();
        headers.put("access-control-allow-origin", List.of(any ? "*" : origin));
        if (cors.allowCredentials()) headers.put("access-control-allow-credentials", List.of("true"));
    }

    /** An exact origin (case-insensitive), {@code *}, or {@code https://*} / {@code http://*} for any origin of that scheme. */
    static boolean allowed(HttpApiView.Cors cors, String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        for (String allowed : cors.allowOrigins()) {
            String a = allowed.toLowerCase(Locale.ROOT);
            if (a.equals("*") || a.equals(o) || (a.endsWith("://*") && o.startsWith(a.substring(0, a.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
