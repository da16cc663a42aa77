package io.javeze.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What API Gateway derives from a raw request before building any event: lowercased, comma-joined headers with
 * cookies split out, decoded query parameters, the host and a request id.
 */
final class RequestFacts {

    private static final SecureRandom RANDOM = new SecureRandom();

    final GatewayRequest request;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** Each header's values as received (payload 1.0's multiValueHeaders), lowercased names, cookies excluded. */
    final Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    final List<String> cookies = new ArrayList<>();
    final Map<String, List<String>> query = new LinkedHashMap<>();
    final String requestId;
    final long timeEpoch;
    /** The Lambda integration the route chose, once known: what the access log names as the function. */
    String integrationUri;

    RequestFacts(GatewayRequest request) {
        this.request = request;
        this.timeEpoch = System.currentTimeMillis();
        this.requestId = newRequestId();
        if (request.headers() != null) {
            request.headers().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("cookie")) {
                    for (String value : values) {
                        for (String cookie : value.split(";")) {
                            if (!cookie.isBlank()) {
                                cookies.add(cookie.trim());
                            }
                        }
                    }
                    return;
                }
                String joined = String.join(",", values);
                headers.merge(lower, joined, (a, b) -> a + "," + b);
                multiHeaders.computeIfAbsent(lower, k -> new ArrayList<>()).addAll(values);
            });
        }
        String rawQuery = request.rawQuery() == null ? "" : request.rawQuery();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    /** API Gateway's request ids look like {@code JKJaXmPLvHcESHA=}. */
    static String newRequestId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Adds a header API Gateway itself sets; {@code append} adds to what the client sent, else only when absent. */
    void addHeader(String name, String value, boolean append) {
        if (headers.containsKey(name) && !append) {
            return;
        }
        headers.merge(name, value, (a, b) -> a + ", " + b);
        multiHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The host the client called, without port: API Gateway's {@code domainName}. */
    String domainName(String fallback) {
        String host = header("host");
        if (host == null || host.isBlank()) {
            return fallback;
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }

    String rawQuery() {
        return request.rawQuery() == null ? "" : request.rawQuery();
    }

    byte[] body() {
        return request.body() == null ? new byte[0] : request.body();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
