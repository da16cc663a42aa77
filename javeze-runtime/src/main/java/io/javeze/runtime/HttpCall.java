package io.javeze.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import io.javeze.HttpException;
import io.javeze.Request;
import io.javeze.Response;
import io.javeze.runtime.event.EventJson;
import io.javeze.runtime.event.HttpEvent;
import io.javeze.runtime.event.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One invocation of a generated route handler: reads parameters from the API Gateway payload 2.0 event and
 * turns the method's result or exception into the 2.0 response. Missing or malformed input is a 400;
 * an unexpected exception is a 500 whose details go to the log only.
 */
public final class HttpCall {
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpEvent event;
    private final Context context;
    private final Object awsEvent;
    private final boolean priming;
    private Request request;

    public HttpCall(HttpEvent event, Context context) {
        this(event, context, null, false);
    }

    /**
     * @param awsEvent the aws-lambda-java-events object the event came from, for functions that declare a parameter of
     *                 that type; null otherwise
     * @param priming  a synthetic request made before a SnapStart checkpoint: the handler binds its arguments but
     *                 does not call the user's method
     */
    public HttpCall(HttpEvent event, Context context, Object awsEvent, boolean priming) {
        this.event = event == null ? HttpEvent.EMPTY : event;
        this.context = context;
        this.awsEvent = awsEvent;
        this.priming = priming;
    }

    /** Reads the payload 2.0 event Lambda hands a stream handler. */
    public static HttpCall read(InputStream input, Context context) throws IOException {
        return new HttpCall(EventJson.readHttp(input), context);
    }

    /** Writes the payload 2.0 response for Lambda to return to API Gateway. */
    public void write(HttpResponse response, OutputStream output) throws IOException {
        EventJson.writeHttp(response, output);
    }

    public Request request() {
        if (request == null) request = new Request(event);
        return request;
    }

    public HttpEvent event() {
        return event;
    }

    /** The aws-lambda-java-events object, when the function binds one; the generated code casts it. */
    public Object awsEvent() {
        return awsEvent;
    }

    /** True for the synthetic request of SnapStart priming: the generated code stops before the user's method. */
    public boolean priming() {
        return priming;
    }

    /** The answer to the priming request. */
    public HttpResponse primed() {
        return noContent();
    }

    public Context context() {
        return context;
    }

    public String path(String name) {
        String value = request().pathParameter(name);
        if (value == null) throw HttpException.badRequest("missing path parameter '" + name + "'");
        return value;
    }

    /** @param defaultValue used when missing; null for none */
    public String query(String name, boolean required, String defaultValue) {
        return orDefault(request().query(name), "query parameter", name, required, defaultValue);
    }

    /**
     * Every value of a query parameter, as sent: {@code ?tag=a&tag=b} gives {@code [a, b]}. A missing one gives the
     * comma-separated {@code defaultValue}'s parts, else an empty list, or a 400 when required.
     */
    public List<String> queries(String name, boolean required, String defaultValue) {
        List<String> values = request().queryValues(name);
        if (!values.isEmpty()) return values;
        if (defaultValue != null) return List.of(defaultValue.split(",", -1));
        if (required) throw HttpException.badRequest("missing required query parameter '" + name + "'");
        return List.of();
    }

    public String header(String name, boolean required, String defaultValue) {
        return orDefault(request().header(name), "header", name, required, defaultValue);
    }

    public String cookie(String name, boolean required, String defaultValue) {
        return orDefault(request().cookie(name), "cookie", name, required, defaultValue);
    }

    /** A value of the authorizer's context; a required one that is missing fails closed with 401. */
    public String authContext(String name, boolean required, String defaultValue) {
        Object value = request().authorizerContext().get(name);
        if (value == null && required && defaultValue == null) {
            throw HttpException.unauthorized("missing authorizer context value '" + name + "'");
        }
        return value == null ? defaultValue : String.valueOf(value);
    }

    public String bodyText(boolean required) {
        String body = request().body();
        if (body == null || body.isEmpty()) {
            if (required) throw HttpException.badRequest("request body is required");
            return null;
        }
        return body;
    }

    public byte[] bodyBytes(boolean required) {
        byte[] body = request().bodyBytes();
        if (body == null || body.length == 0) {
            if (required) throw HttpException.badRequest("request body is required");
            return null;
        }
        return body;
    }

    public <T> T body(Class<T> type, boolean required) {
        String text = bodyText(required);
        if (text == null) return null;
        try {
            return Json.read(text, type);
        } catch (Json.InvalidJsonException e) {
            throw HttpException.badRequest("invalid JSON body: " + e.getMessage());
        }
    }

    public <T> List<T> bodyList(Class<T> elementType, boolean required) {
        String text = bodyText(required);
        if (text == null) return null;
        try {
            return Json.readList(text, elementType);
        } catch (Json.InvalidJsonException e) {
            throw HttpException.badRequest("invalid JSON body: " + e.getMessage());
        }
    }

    public Map<String, Object> bodyMap(boolean required) {
        String text = bodyText(required);
        if (text == null) return null;
        try {
            return Json.readMap(text);
        } catch (Json.InvalidJsonException e) {
            throw HttpException.badRequest("invalid JSON body: " + e.getMessage());
        }
    }

    /** A {@code String} result: 200 text/plain, or 204 for null. */
    public HttpResponse text(String body) {
        return body == null ? noContent() : build(200, Map.of("Content-Type", TEXT), List.of(), body, false);
    }

    /** A record, POJO, collection or other value: 200 JSON, or 204 for null. */
    public HttpResponse json(Object body) {
        return body == null ? noContent() : build(200, Map.of("Content-Type", JSON), List.of(), Json.write(body), false);
    }

    /** A {@code byte[]} result: 200 application/octet-stream, base64-encoded for API Gateway. */
    public HttpResponse bytes(byte[] body) {
        return body == null ? noContent() : build(200, Map.of("Content-Type", "application/octet-stream"), List.of(),
                Base64.getEncoder().encodeToString(body), true);
    }

    public HttpResponse response(Response response) {
        if (response == null) return noContent();
        return build(response.status(), response.headers(), response.cookies(), response.body(), response.isBase64Encoded());
    }

    /** A {@code void} method, or a null result. */
    public HttpResponse noContent() {
        return build(204, Map.of(), List.of(), null, false);
    }

    /** An empty {@code Optional} result. */
    public HttpResponse notFound() {
        return error(404, "Not Found");
    }

    /** Maps an exception: {@link HttpException} to its status and message, anything else to a logged 500. */
    public HttpResponse failure(Exception e) {
        if (e instanceof HttpException http) {
            if (http.status() >= 500) log(e);
            return error(http.status(), http.getMessage());
        }
        log(e);
        return error(500, "Internal Server Error");
    }

    private HttpResponse error(int status, String message) {
        return build(status, Map.of("Content-Type", JSON), List.of(),
                Json.write(Map.of("message", message == null ? "" : message)), false);
    }

    private void log(Exception e) {
        String requestId = request().requestId();
        System.err.println("javeze: " + event.routeKey() + " failed (request " + requestId + "): " + e);
        e.printStackTrace();
    }

    private static String orDefault(String value, String kind, String name, boolean required, String defaultValue) {
        if (value != null) return value;
        if (defaultValue != null) return defaultValue;
        if (required) throw HttpException.badRequest("missing required " + kind + " '" + name + "'");
        return null;
    }

    private static HttpResponse build(int status, Map<String, String> headers, List<String> cookies,
                                                  String body, boolean base64) {
        return new HttpResponse(status, headers.isEmpty() ? null : Map.copyOf(headers),
                cookies.isEmpty() ? null : List.copyOf(cookies), body, base64);
    }
}
