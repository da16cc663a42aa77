package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.LocalCloud;
import io.javeze.local.http.DataPlane;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The local cloud's data plane: HTTP APIs and function URLs, served by this package. */
public final class GatewayDataPlane implements DataPlane {

    private final HttpApiDataPlane httpApis;
    private final FunctionUrlDataPlane functionUrls;
    private final Function<String, Optional<FunctionUrlView>> urlLookup;

    public GatewayDataPlane(HttpApiRegistry registry, ServiceInvoker invoker, FunctionUrlView.Invoker urlInvoker,
                            Function<String, Optional<FunctionUrlView>> urlLookup, AccessLog accessLog) {
        this.httpApis = new HttpApiDataPlane(registry, invoker, accessLog);
        // Lambda checks function URL access by auth type (lambda:InvokeFunctionUrl), not by service principal
        this.functionUrls = new FunctionUrlDataPlane(urlInvoker);
        this.urlLookup = urlLookup;
    }

    /** Plugs the data plane into a running local cloud. */
    public static GatewayDataPlane install(LocalCloud cloud) {
        GatewayDataPlane plane = new GatewayDataPlane(cloud.httpApis(), cloud.serviceInvoker(), cloud.functionUrlInvoker(), urlId -> {
            String functionArn = cloud.functionForUrl(urlId);
            if (functionArn == null) {
                return Optional.empty();
            }
            return Optional.of(urlView(urlId, functionArn, cloud.lambda().urlConfig(urlId)));
        }, cloud.accessLog());
        cloud.dataPlane(plane);
        return plane;
    }

    @Override
    public GatewayResponse httpApi(String apiId, String stage, GatewayRequest request) {
        return httpApis.handle(apiId, stage, request);
    }

    @Override
    public GatewayResponse functionUrl(String urlId, GatewayRequest request) {
        return urlLookup.apply(urlId)
                .map(url -> functionUrls.handle(url, request))
                .orElseGet(() -> ResponseMapper.json(404, "{\"Message\":\"Not Found\"}"));
    }

    /** @param config the URL configuration as Lambda's API returns it (AuthType, Cors) */
    static FunctionUrlView urlView(String urlId, String functionArn, JsonNode config) {
        String authType = config == null ? "AWS_IAM" : config.path("AuthType").asText("AWS_IAM");
        JsonNode cors = config == null ? null : config.get("Cors");
        FunctionUrlView.Cors corsView = cors == null || !cors.isObject() ? null : new FunctionUrlView.Cors(
                cors.path("AllowCredentials").asBoolean(false), strings(cors.get("AllowHeaders")),
                strings(cors.get("AllowMethods")), strings(cors.get("AllowOrigins")), strings(cors.get("ExposeHeaders")),
                cors.path("MaxAge").asInt(0));
        return new FunctionUrlView(urlId, functionArn, authType, corsView);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
