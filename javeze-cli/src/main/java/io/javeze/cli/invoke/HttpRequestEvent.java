package io.javeze.cli.invoke;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.RouteSpec;
import io.javeze.local.gateway.GatewayRequest;
import io.javeze.local.gateway.HttpApiEvents;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code --http 'GET /hello/x?q=1'}: the API Gateway HTTP API event (payload format 2.0) the function's route would
 * receive, with the route matched among the manifest's routes as API Gateway selects routes.
 */
final class HttpRequestEvent {
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Where the event says it came from: the stage's deployed API when there is one. */
    record Origin(String stage, String accountId, String apiId, String domainName) {}

    private HttpRequestEvent() {}

    static ObjectNode build(Manifest manifest, FunctionSpec function, String http, List<String> headerFlags, String body,
                            Origin origin) {
        String[] parts = http.strip().split(" ", 2);
        if (parts.length != 2 || !METHOD.matcher(parts[0]).matches() || !parts[1].startsWith("/") || parts[1].contains(" ")) {
            throw new JavezeException("--http must be \"METHOD /path[?query]\" (e.g. --http 'GET /hello/world'), got \"" + http + "\"");
        }
        URI target;
        try {
            target = new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw new JavezeException("--http " + http + ": not a valid path: " + e.getReason() + " at index " + e.getIndex()
                    + " (percent-encode special characters)");
        }
        String method = parts[0];
        String path = target.getRawPath();
        List<String> routeKeys = manifest.routes().stream().map(RouteSpec::routeKey).toList();
        HttpApiEvents.RouteMatch match = HttpApiEvents.match(routeKeys, method, path).orElseThrow(() -> new JavezeException(
                "--http " + method + " " + path + ": no route matches; the routes are " + String.join(", ", routeKeys)));
        RouteSpec route = manifest.routes().stream().filter(r -> r.routeKey().equals(match.routeKey())).findFirst().orElseThrow();
        if (!route.function().equals(function.name())) {
            throw new JavezeException("--http " + method + " " + path + " is route " + route.routeKey() + " of function "
                    + route.function() + ", not of " + function.name());
        }

        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String flag : headerFlags) {
            int colon = flag.indexOf(':');
            String name = colon < 0 ? flag : flag.substring(0, colon).strip();
            if (colon < 0 || !HEADER_NAME.matcher(name).matches()) {
                throw new JavezeException("--header must be NAME:VALUE with a header name of letters, digits and -, got \"" + flag + "\"");
            }
            headers.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(flag.substring(colon + 1).strip());
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("content-type", List.of(JsonInput.isJson(body) ? "application/json" : "text/plain; charset=utf-8"));
        }
        GatewayRequest request = new GatewayRequest(method, path, target.getRawQuery() == null ? "" : target.getRawQuery(),
                headers, bytes, "127.0.0.1");
        return HttpApiEvents.payloadV2(request, match, origin.stage(), origin.accountId(), origin.apiId(), origin.domainName());
    }
}
