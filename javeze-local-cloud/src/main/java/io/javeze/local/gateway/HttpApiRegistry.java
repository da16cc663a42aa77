package io.javeze.local.gateway;

import java.util.Optional;

/** The data plane's view of the API Gateway v2 control plane. */
public interface HttpApiRegistry {
    Optional<HttpApiView> api(String apiId);
}
