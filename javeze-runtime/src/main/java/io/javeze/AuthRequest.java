package io.javeze;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.javeze.runtime.Headers;
import java.util.List;
import java.util.Map;

/** What an {@link Auth} handler decides on: the request's headers, identity sources, route, path and query. */
public final class AuthRequest {
    private final APIGatewayV2CustomAuthorizerEvent event;
    private final Map<String, String> headers;

    public AuthRequest(APIGatewayV2CustomAuthorizerEvent event) {
        this.event = event;
        this.headers = Headers.caseInsensitive(event.getHeaders());
    }

    /** The values of the authorizer's identity sources, in declaration order (e.g. the Authorization header). */
    public List<String> identitySource() {
        return event.getIdentitySource() == null ? List.of() : event.getIdentitySource();
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
        return event.getRouteKey();
    }

    public String routeArn() {
        return event.getRouteArn();
    }

    public String path() {
        return event.getRawPath();
    }

    public String query(String name) {
        return queryParameters().get(name);
    }

    public Map<String, String> queryParameters() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    public Map<String, String> pathParameters() {
        return event.getPathParameters() == null ? Map.of() : event.getPathParameters();
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    public APIGatewayV2CustomAuthorizerEvent event() {
        return event;
    }
}
