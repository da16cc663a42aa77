package io.javeze;

import io.javeze.runtime.Headers;
import io.javeze.runtime.event.AuthEvent;
import java.util.List;
import java.util.Map;

/** What an {@link Auth} handler decides on: the request's headers, identity sources, route, path and query. */
public final class AuthRequest {
    private final AuthEvent event;
    private final Map<String, String> headers;

    public AuthRequest(AuthEvent event) {
        this.event = event;
        this.headers = Headers.caseInsensitive(event.headers());
    }

    /** The values of the authorizer's identity sources, in declaration order (e.g. the Authorization header). */
    public List<String> identitySource() {
        return event.identitySource() == null ? List.of() : event.identitySource();
    }

    /** The first identity source value, or null: usually the token. */
    public String token() {
        return identitySource().isEmpty() ? null : identitySource().get(0);
    }

    /** A header by case-insensitive name. */
    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The route being called, e.g. {@code GET /users/{id}}. */
    public String routeKey() {
        return event.routeKey();
    }

    public String routeArn() {
        return event.routeArn();
    }

    public String path() {
        return event.rawPath();
    }

    public String query(String name) {
        return queryParameters().get(name);
    }

    public Map<String, String> queryParameters() {
        return event.queryStringParameters() == null ? Map.of() : event.queryStringParameters();
    }

    public Map<String, String> pathParameters() {
        return event.pathParameters() == null ? Map.of() : event.pathParameters();
    }

    public String requestId() {
        return event.requestId();
    }

    /**
     * The fields of the event javeze reads. For the complete aws-lambda-java-events object, declare a parameter of
     * type {@code APIGatewayV2CustomAuthorizerEvent} instead (and depend on aws-lambda-java-events).
     */
    public AuthEvent event() {
        return event;
    }
}
