package io.javeze.config.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javeze.config.Naming;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ResponseSpec;
import io.javeze.config.manifest.RouteSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /openapi.json}, served when javeze.toml says {@code [http] openapi = true}: an ordinary route function
 * ({@value #FUNCTION}) the processor adds to the manifest, whose handler (a generated subclass of javeze-runtime's
 * {@code io.javeze.runtime.OpenApiHandler}) answers the document the processor writes to {@value #RESOURCE} in the
 * class output. Only that function's package carries the document, so a change to the API re-packages it alone.
 */
public final class OpenApiRoute {
    public static final String FUNCTION = "openapi";
    public static final String PATH = "/openapi.json";
    public static final String ROUTE_KEY = "GET " + PATH;
    public static final String HANDLER_CLASS = "javeze.openapi.OpenApiFunction";
    public static final String RESOURCE = "javeze/openapi.json";

    private OpenApiRoute() {}

    /** The manifest with the route and its function; null when the app already has a function or route of that name. */
    public static Manifest addTo(Manifest manifest) {
        if (manifest.functions().stream().anyMatch(f -> f.name().equals(FUNCTION))
                || manifest.routes().stream().anyMatch(r -> r.routeKey().equals(ROUTE_KEY))) {
            return null;
        }
        List<FunctionSpec> functions = new ArrayList<>(manifest.functions());
        functions.add(new FunctionSpec(FUNCTION, Naming.lambdaFunctionName(manifest.service(), FUNCTION), FunctionKind.ROUTE,
                HANDLER_CLASS + "::handleRequest", null, null, null, List.of()));
        functions.sort(Comparator.comparing(FunctionSpec::name));
        List<RouteSpec> routes = new ArrayList<>(manifest.routes());
        routes.add(new RouteSpec("GET", PATH, ROUTE_KEY, FUNCTION, null, List.of(), "java.lang.String",
                new ResponseSpec("application/json", JsonNodeFactory.instance.objectNode().put("type", "object"), false, false)));
        routes.sort(Comparator.comparing(RouteSpec::path).thenComparing(RouteSpec::method));
        return new Manifest(manifest.version(), manifest.service(), functions, routes, manifest.authorizers(), manifest.topics(),
                manifest.schemas(), manifest.deployed());
    }

    /** Whether a resource of the classes directory goes into the package of {@code function}. */
    public static boolean packaged(String resourcePath, FunctionSpec function) {
        return !resourcePath.equals(RESOURCE) || function.handler().startsWith(HANDLER_CLASS + "::");
    }
}
