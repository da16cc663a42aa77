package io.javeze.runtime.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.javeze.runtime.event.AuthEvent;
import io.javeze.runtime.event.HttpEvent;
import io.javeze.runtime.event.HttpResponse;

/**
 * For functions whose method declares an aws-lambda-java-events parameter: the generated handler is then a
 * {@code RequestHandler} of that event type, and this turns it into javeze's own event and back. Only such
 * functions load this class, and only their projects need aws-lambda-java-events (an optional dependency).
 */
public final class AwsEvents {
    private AwsEvents() {}

    public static HttpEvent http(APIGatewayV2HTTPEvent e) {
        if (e == null) return HttpEvent.EMPTY;
        var ctx = e.getRequestContext();
        var http = ctx == null ? null : ctx.getHttp();
        var authorizer = ctx == null ? null : ctx.getAuthorizer();
        return new HttpEvent(e.getRouteKey(), e.getRawPath(), e.getRawQueryString(), e.getCookies(), e.getHeaders(),
                e.getQueryStringParameters(), e.getPathParameters(), e.getBody(), e.getIsBase64Encoded(),
                ctx == null ? null : ctx.getRequestId(), http == null ? null : http.getMethod(),
                http == null ? null : http.getSourceIp(), authorizer == null ? null : authorizer.getLambda());
    }

    public static APIGatewayV2HTTPResponse response(HttpResponse r) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(r.statusCode());
        response.setHeaders(r.headers());
        response.setCookies(r.cookies());
        response.setBody(r.body());
        response.setIsBase64Encoded(r.isBase64Encoded());
        return response;
    }

    public static AuthEvent auth(APIGatewayV2CustomAuthorizerEvent e) {
        if (e == null) return AuthEvent.EMPTY;
        return new AuthEvent(e.getRouteKey(), e.getRouteArn(), e.getRawPath(), e.getIdentitySource(), e.getHeaders(),
                e.getQueryStringParameters(), e.getPathParameters(),
                e.getRequestContext() == null ? null : e.getRequestContext().getRequestId());
    }
}
