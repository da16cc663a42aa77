package io.javeze.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.javeze.AuthRequest;
import io.javeze.AuthResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One invocation of a generated auth handler: HTTP API Lambda authorizer with simple responses,
 * {@code {"isAuthorized": ..., "context": {...}}}. A handler that throws or returns null denies (fails closed).
 */
public final class AuthCall {
    private final APIGatewayV2CustomAuthorizerEvent event;
    private final Context context;

    public AuthCall(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        this.event = event == null ? new APIGatewayV2CustomAuthorizerEvent() : event;
        this.context = context;
    }

    public AuthRequest request() {
        return new AuthRequest(event);
    }

    public APIGatewayV2CustomAuthorizerEvent event() {
        return event;
    }

    public Context context() {
        return context;
    }

    public Map<String, Object> result(AuthResult result) {
        if (result == null || !result.authorized()) return simpleResponse(false, Map.of());
        return simpleResponse(true, result.context());
    }

    public Map<String, Object> result(boolean authorized) {
        return simpleResponse(authorized, Map.of());
    }

    public Map<String, Object> failure(Exception e) {
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        System.err.println("javeze: auth handler failed for " + event.getRouteKey() + " (request " + requestId + "), denying: " + e);
        e.printStackTrace();
        return simpleResponse(false, Map.of());
    }

    private static Map<String, Object> simpleResponse(boolean authorized, Map<String, Object> context) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("isAuthorized", authorized);
        response.put("context", new LinkedHashMap<>(context));
        return response;
    }
}
