package io.javeze.local.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway HTTP API route selection: the most specific path wins (literal segments over {@code {param}} over a
 * greedy {@code {proxy+}}), then an exact method over {@code ANY}; the {@code $default} route catches the rest.
 */
public final class RouteSelector {

    /** @param pathParameters decoded values of the route's path variables, in template order */
    public record Match(HttpApiView.Route route, Map<String, String> pathParameters) {}

    private static final int LITERAL = 3;
    private static final int VARIABLE = 2;
    private static final int GREEDY = 1;

    private RouteSelector() {}

    /** @param path the request path without the stage, still percent-encoded */
    public static Optional<Match> select(List<HttpApiView.Route> routes, String method, String path) {
        List<String> segments = segments(path);
        Match best = null;
        int[] bestScore = null;
        HttpApiView.Route fallback = null;
        for (HttpApiView.Route route : routes) {
            String key = route.routeKey();
            if ("$default".equals(key)) {
                fallback = route;
                continue;
            }
            int space = key.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String routeMethod = key.substring(0, space);
            boolean exactMethod = routeMethod.equalsIgnoreCase(method);
            if (!exactMethod && !routeMethod.equals("ANY")) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            int[] score = match(segments(key.substring(space + 1)), segments, params);
            if (score == null) {
                continue;
            }
            score = Arrays.copyOf(score, score.length + 1);
            score[score.length - 1] = exactMethod ? 1 : 0;
            if (bestScore == null || compare(score, bestScore) > 0) {
                best = new Match(route, params);
                bestScore = score;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        return Optional.ofNullable(fallback).map(r -> new Match(r, Map.of()));
    }

    /** @return per-segment specificity, or null when the template does not match */
    private static int[] match(List<String> template, List<String> request, Map<String, String> params) {
        int[] score = new int[template.size()];
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            boolean variable = t.startsWith("{") && t.endsWith("}");
            if (variable && t.endsWith("+}")) {
                if (i != template.size() - 1 || request.size() <= i) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 2), decode(String.join("/", request.subList(i, request.size()))));
                score[i] = GREEDY;
                return score;
            }
            if (i >= request.size()) {
                return null;
            }
            if (variable) {
                params.put(t.substring(1, t.length() - 1), decode(request.get(i)));
                score[i] = VARIABLE;
            } else if (t.equals(request.get(i)) || t.equals(decode(request.get(i)))) {
                score[i] = LITERAL;
            } else {
                return null;
            }
        }
        return template.size() == request.size() ? score : null;
    }

    private static int compare(int[] a, int[] b) {
        // path specificity segment by segment first; the method flag is the last element of each array
        int pathA = a.length - 1;
        int pathB = b.length - 1;
        for (int i = 0; i < Math.min(pathA, pathB); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        if (pathA != pathB) {
            return Integer.compare(pathA, pathB); // e.g. /a/{proxy+} over /{proxy+}
        }
        return Integer.compare(a[pathA], b[pathB]);
    }

    static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                result.add(segment);
            }
        }
        return result;
    }

    /** Percent-decoding of a path segment: unlike form decoding, '+' stays '+'. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
