package io.javeze.local.gateway;

import java.util.List;

/**
 * A function URL as Lambda's control plane stores it: what its data plane needs.
 *
 * @param urlId       the host label of {@code {urlId}.lambda-url.{region}.on.aws}
 * @param functionArn the function (qualified when the URL points at an alias)
 * @param authType    {@code NONE} or {@code AWS_IAM}
 * @param cors        null when CORS is not configured
 */
public record FunctionUrlView(String urlId, String functionArn, String authType, Cors cors) {

    public record Cors(boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                       List<String> allowOrigins, List<String> exposeHeaders, int maxAge) {
        public Cors {
            allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
            allowMethods = allowMethods == null ? List.of() : List.copyOf(allowMethods);
            allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
            exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
        }
    }

    /** How the server invokes the URL's function: Lambda checks {@code lambda:InvokeFunctionUrl} for the auth type. */
    @FunctionalInterface
    public interface Invoker {
        /**
         * @throws ServiceInvoker.NotPermittedException when the resource policy does not allow the URL's auth type
         * @throws ServiceInvoker.FunctionNotFoundException when the function is gone
         */
        io.javeze.local.exec.InvocationResult invoke(FunctionUrlView url, byte[] payload);
    }
}
