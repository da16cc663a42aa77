package io.javeze.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.security.RoleSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One AWS API request, resolved to a service and an operation. */
public final class AwsCall {
    private final String service;
    private final String region;
    private final Protocol protocol;
    private final String operation;
    private final String method;
    private final String rawPath;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final Map<String, String> params;
    private final byte[] body;
    private final String requestId;
    private final RoleSessions.Session caller;
    private JsonNode json;

    public AwsCall(String service, String region, Protocol protocol, String operation, String method, String rawPath,
                   Map<String, String> pathParams, Map<String, List<String>> query, Map<String, String> headers,
                   Map<String, String> params, byte[] body, String requestId, RoleSessions.Session caller) {
        this.service = service;
        this.region = region;
        this.protocol = protocol;
        this.operation = operation;
        this.method = method;
        this.rawPath = rawPath;
        this.pathParams = pathParams;
        this.query = query;
        this.headers = headers;
        this.params = params;
        this.body = body;
        this.requestId = requestId;
        this.caller = caller;
    }

    /** The function's role session that signed the call, or null when the user's own credentials did. */
    public RoleSessions.Session caller() {
        return caller;
    }

    public String service() {
        return service;
    }

    public String region() {
        return region;
    }

    public Protocol protocol() {
        return protocol;
    }

    public String operation() {
        return operation;
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    public byte[] body() {
        return body;
    }

    public String requestId() {
        return requestId;
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    public boolean hasQuery(String name) {
        return query.containsKey(name);
    }

    /** A header by case-insensitive name. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body ({} when empty); malformed JSON is the client's error. */
    public JsonNode json() {
        if (json == null) {
            json = body.length == 0 ? Json.object() : Json.parse(body);
            if (!json.isObject()) {
                throw new AwsException(400, "SerializationException", "Request body must be a JSON object");
            }
        }
        return json;
    }

    public String jsonText(String field) {
        return Json.text(json(), field);
    }

    public String requiredJson(String field) {
        String v = jsonText(field);
        if (v == null || v.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at '" + lower(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** A query-protocol parameter (form body or query string). */
    public String param(String name) {
        return params.get(name);
    }

    public String requiredParam(String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw new AwsException(400, protocol == Protocol.QUERY && "sqs".equals(service) ? "MissingParameter" : "ValidationError",
                    "1 validation error detected: Value null at '" + lower(name) + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    /**
     * Query-protocol lists: for {@code prefix = "Tags.member"} the parameters {@code Tags.member.1.Key=a},
     * {@code Tags.member.1.Value=b} become [{Key=a, Value=b}]; scalar items ({@code AttributeName.1=x}) map "" to x.
     */
    public List<Map<String, String>> list(String prefix) {
        TreeMap<Integer, Map<String, String>> items = new TreeMap<>();
        String p = prefix + ".";
        for (var e : params.entrySet()) {
            if (!e.getKey().startsWith(p)) {
                continue;
            }
            String rest = e.getKey().substring(p.length());
            int dot = rest.indexOf('.');
            String index = dot < 0 ? rest : rest.substring(0, dot);
            try {
                int i = Integer.parseInt(index);
                items.computeIfAbsent(i, k -> new TreeMap<>()).put(dot < 0 ? "" : rest.substring(dot + 1), e.getValue());
            } catch (NumberFormatException ignored) {
                // not an indexed member of this list
            }
        }
        return new ArrayList<>(items.values());
    }

    /** A query-protocol map, {@code prefix.N.keyName / prefix.N.valueName}. */
    public ObjectNode map(String prefix, String keyName, String valueName) {
        ObjectNode out = Json.object();
        for (Map<String, String> item : list(prefix)) {
            if (item.get(keyName) != null) {
                out.put(item.get(keyName), item.getOrDefault(valueName, ""));
            }
        }
        return out;
    }
}
