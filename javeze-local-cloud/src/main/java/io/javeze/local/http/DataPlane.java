package io.javeze.local.http;

import io.javeze.local.gateway.GatewayRequest;
import io.javeze.local.gateway.GatewayResponse;

/** Non-API traffic: HTTP APIs and function URLs, served by {@code io.javeze.local.gateway}. */
public interface DataPlane {
    GatewayResponse httpApi(String apiId, String stage, GatewayRequest request);

    GatewayResponse functionUrl(String urlId, GatewayRequest request);
}
