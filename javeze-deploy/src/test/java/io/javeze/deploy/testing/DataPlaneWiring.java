package io.javeze.deploy.testing;

import io.javeze.local.LocalCloud;
import io.javeze.local.gateway.GatewayRequest;
import io.javeze.local.gateway.GatewayResponse;
import io.javeze.local.gateway.HttpApiDataPlane;
import io.javeze.local.http.DataPlane;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Until {@code LocalCloud.start} plugs in the HTTP API data plane itself, the tests plug the local-cloud's own
 * {@link HttpApiDataPlane} in through {@link LocalCloud#dataPlane}; nothing here emulates API Gateway.
 */
public final class DataPlaneWiring {
    private DataPlaneWiring() {}

    public static void ensure(LocalCloud cloud) {
        HttpApiDataPlane httpApis = new HttpApiDataPlane(cloud.httpApis(), cloud.serviceInvoker());
        cloud.dataPlane(new DataPlane() {
            @Override
            public GatewayResponse httpApi(String apiId, String stage, GatewayRequest request) {
                return httpApis.handle(apiId, stage, request);
            }

            @Override
            public GatewayResponse functionUrl(String urlId, GatewayRequest request) {
                return new GatewayResponse(404, Map.of("Content-Type", List.of("application/json")),
                        "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
