package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.exec.InvocationResult;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lambda function URLs: payload 2.0 events, AWS_IAM URLs refuse unsigned requests, CORS answered by Lambda. */
public final class FunctionUrlDataPlane {

    private final FunctionUrlView.Invoker invoker;

    public FunctionUrlDataPlane(FunctionUrlView.Invoker invoker) {
        this.invoker = invoker;
    }

    public GatewayResponse handle(FunctionUrlView url, GatewayRequest request) {
        RequestFacts facts = new RequestFacts(request);
        String origin = facts.header("origin");
        if (url.cors() != null && "OPTIONS".equals(request.method()) && origin != null
                && facts.header("access-control-request-method") != null) {
            return withCors(new GatewayResponse(200, new LinkedHashMap<>(), new byte[0]), url.cors(), origin, true);
        }
        if ("AWS_IAM".equals(url.authType()) && !signed(facts)) {
            return forbidden();
        }
        String region = regionOf(url.functionArn());
        String domain = facts.domainName(url.urlId() + ".lambda-url." + region + ".on.aws");
        ObjectNode authorizer = null;
        String accountId = "anonymous";
        if ("AWS_IAM".equals(url.authType())) {
            accountId = accountOf(url.functionArn());
            authorizer = EventBuilder.JSON.createObjectNode();
            ObjectNode iam = authorizer.putObject("iam");
            iam.put("accessKey", accessKeyOf(facts));
            iam.put("accountId", accountId);
            iam.put("callerId", accessKeyOf(facts));
            iam.putNull("cognitoIdentity");
            iam.putNull("principalOrgId");
            iam.put("userArn", "arn:aws:iam::" + accountId + ":user/local");
            iam.put("userId", accessKeyOf(facts));
        }
        String path = request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
        EventBuilder.Target target = new EventBuilder.Target("$default", path, "$default", accountId, url.urlId(),
                domain, Map.of(), Map.of(), authorizer);
        InvocationResult result;
        try {
            byte[] event = EventBuilder.JSON.writeValueAsBytes(EventBuilder.payloadV2(facts, target));
            if (event.length > ServiceInvoker.MAX_PAYLOAD) {
                return ResponseMapper.json(413, "{\"Message\":\"Request must be smaller than " + ServiceInvoker.MAX_PAYLOAD
                        + " bytes for the InvokeFunction operation\"}");
            }
            result = invoker.invoke(url, event);
        } catch (ServiceInvoker.NotPermittedException e) {
            return forbidden();
        } catch (ServiceInvoker.FunctionNotFoundException e) {
            return ResponseMapper.json(404, "{\"Message\":\"Not Found\"}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        GatewayResponse mapped = result.failed() ? null : ResponseMapper.fromV2(result.payload());
        if (mapped == null) {
            mapped = ResponseMapper.json(502, "{\"Message\":\"Internal Server Error\"}");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(mapped.headers());
        headers.put("x-amzn-requestid", List.of(java.util.UUID.randomUUID().toString()));
        mapped = new GatewayResponse(mapped.status(), headers, mapped.body());
        return url.cors() != null && origin != null ? withCors(mapped, url.cors(), origin, false) : mapped;
    }

    private static boolean signed(RequestFacts facts) {
        String authorization = facts.header("authorization");
        if (authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return true;
        }
        List<String> signature = facts.query.get("X-Amz-Signature");
        return signature != null && !signature.isEmpty();
    }

    private static String accessKeyOf(RequestFacts facts) {
        String authorization = facts.header("authorization");
        int at = authorization == null ? -1 : authorization.indexOf("Credential=");
        if (at < 0) {
            return "";
        }
        String credential = authorization.substring(at + "Credential=".length());
        int slash = credential.indexOf('/');
        return slash > 0 ? credential.substring(0, slash) : "";
    }

    private static GatewayResponse forbidden() {
        return ResponseMapper.json(403, "{\"Message\":\"Forbidden\"}");
    }

    private static GatewayResponse withCors(GatewayResponse response, FunctionUrlView.Cors cors, String origin, boolean preflight) {
        boolean allowed = cors.allowOrigins().contains("*") || cors.allowOrigins().contains(origin);
        if (!allowed) {
            return response;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.put("access-control-allow-origin", List.of(cors.allowOrigins().contains("*") && !cors.allowCredentials() ? "*" : origin));
        if (cors.allowCredentials()) {
            headers.put("access-control-allow-credentials", List.of("true"));
        }
        if (!cors.exposeHeaders().isEmpty()) {
            headers.put("access-control-expose-headers", List.of(String.join(",", cors.exposeHeaders())));
        }
        if (preflight) {
            if (!cors.allowMethods().isEmpty()) {
                headers.put("access-control-allow-methods", List.of(String.join(",", cors.allowMethods())));
            }
            if (!cors.allowHeaders().isEmpty()) {
                headers.put("access-control-allow-headers", List.of(String.join(",", cors.allowHeaders())));
            }
            if (cors.maxAge() > 0) {
                headers.put("access-control-max-age", List.of(Integer.toString(cors.maxAge())));
            }
        }
        return new GatewayResponse(response.status(), headers, response.body());
    }

    private static String regionOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 3 ? parts[3] : "us-east-1";
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : "000000000000";
    }

}
