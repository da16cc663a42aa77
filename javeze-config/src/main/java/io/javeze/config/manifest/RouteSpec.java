package io.javeze.config.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One {@code @Route}.
 *
 * @param method     upper-case HTTP method, or ANY
 * @param path       API Gateway path template, e.g. {@code /hello/{word}}
 * @param routeKey   {@code METHOD path}, as API Gateway writes it
 * @param function   name of the function that serves it
 * @param authorizer name of the protecting authorizer, or null for an open route
 * @param parameters the method's parameters and where each comes from
 * @param returns    the method's declared return type
 * @param response   what a success answers (content type and JSON Schema), or null in manifests written before it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteSpec(
        String method,
        String path,
        String routeKey,
        String function,
        String authorizer,
        List<ParameterSpec> parameters,
        String returns,
        ResponseSpec response) {

    public RouteSpec {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public RouteSpec(String method, String path, String routeKey, String function, String authorizer,
                     List<ParameterSpec> parameters, String returns) {
        this(method, path, routeKey, function, authorizer, parameters, returns, null);
    }
}
