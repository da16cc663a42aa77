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

    public record ServiceModel(String signingName, Protocol protocol, String targetPrefix, List<Template> templates,
                               Map<String, Integer> successCodes) {}

    /** A requestUri such as {@code /2015-03-31/functions/{FunctionName}/invocations} or {@code /{Bucket}/{Key+}?tagging}. */
    public record Template(String operation, String method, String[] segments, List<String> queryKeys, int literals) {}

    public record Match(String operation, Map<String, String> pathParams) {}

    private final Map<String, ServiceModel> services = new HashMap<>();

    /** The routes of these services, from their AWS models. */
    public static OperationTable of(Iterable<String> signingNames) {
        return new OperationTable(signingNames);
    }

    private OperationTable(Iterable<String> signingNames) {
        for (String name : signingNames) {
            io.javeze.local.protocol.ServiceModel model = io.javeze.local.protocol.ServiceModel.of(name);
            List<Template> templates = new ArrayList<>();
            Map<String, Integer> codes = new HashMap<>();
            for (var op : model.operations().values()) {
                templates.add(template(op.name(), op.method(), op.requestUri()));
                codes.put(op.name(), op.responseCode());
            }
            services.put(name, new ServiceModel(name, model.protocol(), model.targetPrefix(), templates, codes));
        }
    }

    private static Template template(String operation, String method, String uri) {
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
        return new Template(operation, method, segments, queryKeys, literals);
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    public ServiceModel service(String signingName) {
        return services.get(signingName);
    }

    /** The best REST match: all literal segments and query keys present, most literals wins. */
    public static Match match(ServiceModel service, String method, String rawPath, Map<String, List<String>> query) {
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
            int score = t.literals() * 10 + t.queryKeys().size();
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
