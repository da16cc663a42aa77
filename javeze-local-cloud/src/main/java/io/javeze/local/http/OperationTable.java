package io.javeze.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operation names, HTTP methods and request URIs of each service, read from AWS's own API models
 * ({@link io.javeze.local.protocol.ServiceModel}): REST requests are resolved against them.
 */
public final class OperationTable {

    /** One service's protocol and REST routes. */
    public record Routes(Protocol protocol, List<Template> templates) {}

    /**
     * A requestUri such as {@code /2015-03-31/functions/{FunctionName}/invocations} or {@code /{Bucket}/{Key+}?tagging},
     * with the query parameters and (lower-case) headers its input requires: they tell apart operations that share a
     * method and URI, as S3's PutObject, CopyObject and UploadPart do.
     */
    public record Template(String operation, String method, String[] segments, List<String> queryKeys, int literals,
                           List<String> requiredQuery, List<String> requiredHeaders) {}

    public record Match(String operation, Map<String, String> pathParams) {}

    private final Map<String, Routes> services = new HashMap<>();

    /** The routes of these services, from their AWS models. */
    public static OperationTable of(Iterable<String> signingNames) {
        return new OperationTable(signingNames);
    }

    private OperationTable(Iterable<String> signingNames) {
        for (String name : signingNames) {
            io.javeze.local.protocol.ServiceModel model = io.javeze.local.protocol.ServiceModel.of(name);
            List<Template> templates = new ArrayList<>();
            for (var op : model.operations().values()) {
                templates.add(template(op.name(), op.method(), op.requestUri(), op.input()));
            }
            services.put(name, new Routes(model.protocol(), templates));
        }
    }

    private static Template template(String operation, String method, String uri, io.javeze.local.protocol.Shape input) {
        String path = uri;
        List<String> queryKeys = new ArrayList<>();
        int q = uri.indexOf('?');
        if (q >= 0) {
            path = uri.substring(0, q);
            for (String part : uri.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                queryKeys.add(eq < 0 ? part : part.substring(0, eq));
            }
        }
        String[] segments = split(path);
        int literals = 0;
        for (String s : segments) {
            if (!s.startsWith("{")) {
                literals++;
            }
        }
        List<String> requiredQuery = new ArrayList<>();
        List<String> requiredHeaders = new ArrayList<>();
        if (input != null) {
            for (var m : input.members().values()) {
                if (input.required(m.name()) && "querystring".equals(m.location())) {
                    requiredQuery.add(m.wireName());
                } else if (input.required(m.name()) && "header".equals(m.location())) {
                    requiredHeaders.add(m.wireName().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return new Template(operation, method, segments, queryKeys, literals, requiredQuery, requiredHeaders);
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    public Routes service(String signingName) {
        return services.get(signingName);
    }

    public static Match match(Routes service, String method, String rawPath, Map<String, List<String>> query) {
        return match(service, method, rawPath, query, Map.of());
    }

    /**
     * The best REST match: all literal segments and query keys present, most literals wins; among equals, the one
     * whose required query parameters and headers are all present, then the one requiring most of them.
     *
     * @param headers the request's headers by lower-case name
     */
    public static Match match(Routes service, String method, String rawPath, Map<String, List<String>> query,
                              Map<String, ?> headers) {
        String[] actual = split(rawPath);
        Template best = null;
        Map<String, String> bestParams = null;
        int bestScore = -1;
        for (Template t : service.templates()) {
            if (!t.method().equals(method) || !query.keySet().containsAll(t.queryKeys())) {
                continue;
            }
            Map<String, String> params = bind(t.segments(), actual);
            if (params == null) {
                continue;
            }
            int required = t.requiredQuery().size() + t.requiredHeaders().size();
            boolean present = query.keySet().containsAll(t.requiredQuery()) && headers.keySet().containsAll(t.requiredHeaders());
            int score = (t.literals() * 10 + t.queryKeys().size()) * 1000 + (present ? 500 + required : 0);
            if (score > bestScore) {
                best = t;
                bestParams = params;
                bestScore = score;
            }
        }
        return best == null ? null : new Match(best.operation(), bestParams);
    }

    private static Map<String, String> bind(String[] template, String[] actual) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String seg = template[i];
            if (seg.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                StringBuilder rest = new StringBuilder();
                for (int j = i; j < actual.length; j++) {
                    rest.append(j > i ? "/" : "").append(decode(actual[j]));
                }
                params.put(seg.substring(1, seg.length() - 2), rest.toString());
                return params;
            }
            if (i >= actual.length) {
                return null;
            }
            if (seg.startsWith("{")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                params.put(seg.substring(1, seg.length() - 1), decode(actual[i]));
            } else if (!seg.equals(actual[i])) {
                return null;
            }
        }
        return template.length == actual.length ? params : null;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
