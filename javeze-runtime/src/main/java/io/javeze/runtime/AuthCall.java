package io.javeze.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import io.javeze.AuthRequest;
import io.javeze.AuthResult;
import io.javeze.runtime.event.AuthEvent;
import io.javeze.runtime.event.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One invocation of a generated auth handler: HTTP API Lambda authorizer with simple responses,
 * {@code {"isAuthorized": ..., "context": {...}}}. A handler that throws or returns null denies (fails closed).
 */
public final class AuthCall {
    private final AuthEvent event;
    private final Context context;
    private final Object awsEvent;
    private final boolean priming;

    public AuthCall(AuthEvent event, Context context) {
        this(event, context, null, false);
    }

    /** @see HttpCall#HttpCall(io.javeze.runtime.event.HttpEvent, Context, Object, boolean) */
    public AuthCall(AuthEvent event, Context context, Object awsEvent, boolean priming) {
        this.event = event == null ? AuthEvent.EMPTY : event;
        this.context = context;
        this.awsEvent = awsEvent;
        this.priming = priming;
    }

    /** Reads the REQUEST authorizer event Lambda hands a stream handler. */
    public static AuthCall read(InputStream input, Context context) throws IOException {
        return new AuthCall(EventJson.readAuth(input), context);
    }

    /** Writes a simple response made by {@link #result}. */
    @SuppressWarnings("unchecked")
    public void write(Map<String, Object> response, OutputStream output) throws IOException {
        EventJson.writeAuth(Boolean.TRUE.equals(response.get("isAuthorized")), (Map<String, Object>) response.get("context"), output);
    }

    public AuthRequest request() {
        return new AuthRequest(event);
    }

    public AuthEvent event() {
        return event;
    }

    /** The aws-lambda-java-events object, when the function binds one; the generated code casts it. */
    public Object awsEvent() {
        return awsEvent;
    }

    public Context context() {
        return context;
    }

    /** True for the synthetic request of SnapStart priming: the generated code stops before the user's method. */
    public boolean priming() {
        return priming;
    }

    /** The answer to the priming request: deny. */
    public Map<String, Object> primed() {
        return simpleResponse(false, Map.of());
    }

    public Map<String, Object> result(AuthResult result) {
        if (result == null || !result.authorized()) return simpleResponse(false, Map.of());
        return simpleResponse(true, result.context());
    }

    public Map<String, Object> result(boolean authorized) {
        return simpleResponse(authorized, Map.of());
    }

    public Map<String, Object> failure(Exception e) {
        System.err.println("javeze: auth handler failed for " + event.routeKey() + " (request " + event.requestId() + "), denying: " + e);
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
