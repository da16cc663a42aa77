package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.exec.FunctionRuntimeConfig;
import io.javeze.local.exec.InvocationResult;
import io.javeze.local.gateway.ServiceInvoker;
import io.javeze.local.http.AwsException;
import io.javeze.local.iam.RoleAuthorizer;
import io.javeze.local.protocol.ShapeValues;
import io.javeze.local.http.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lambda's Invoke API and invocations on behalf of services (API Gateway, SNS, event source mappings). */
public final class LambdaInvoker implements ServiceInvoker, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LambdaInvoker.class.getName());
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    private static final Pattern APIGW_URI = Pattern.compile("arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/[0-9-]+/functions/(.+)/invocations");

    private final LambdaStore store;
    private final FunctionExecutor executor;
    private final StateDelays delays;
    private final RoleAuthorizer roles;
    private final ExecutorService async = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "lambda-async-invoke");
        t.setDaemon(true);
        return t;
    });

    LambdaInvoker(LambdaStore store, FunctionExecutor executor, StateDelays delays, RoleAuthorizer roles) {
        this.store = store;
        this.roles = roles;
        this.executor = executor;
        this.delays = delays;
    }

    void evict(String functionArn) {
        executor.evict(functionArn);
    }

    void evict(String functionArn, String version) {
        executor.evict(functionArn, version);
    }

    /**
     * Starts one instance of what the function serves under {@code qualifier} (null: $LATEST) in the background, unless
     * its reserved concurrency is 0; the configuration is read when the start begins, so it is always the latest.
     */
    void prestart(String functionName, String qualifier) {
        executor.prestart(() -> {
            FunctionRecord fn = store.functionOrNull(functionName);
            if (fn == null || Integer.valueOf(0).equals(fn.concurrency)) {
                return null;
            }
            try {
                return runtimeConfig(fn, qualifier, false);
            } catch (AwsException e) {
                return null; // deleted meanwhile
            }
        });
    }

    /** The Invoke API: RequestResponse, Event or DryRun; answers the model's {@code InvocationResponse}. */
    ObjectNode invoke(ObjectNode in) {
        String type = in.path("InvocationType").asText("RequestResponse");
        byte[] payload = in.hasNonNull("Payload") ? ShapeValues.bytes(in.get("Payload")) : new byte[0];
        if (payload.length > MAX_SYNC_PAYLOAD || (type.equals("Event") && payload.length > MAX_ASYNC_PAYLOAD)) {
            int limit = type.equals("Event") ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
            throw new AwsException(413, "RequestTooLargeException", "Request must be smaller than " + limit
                    + " bytes for the InvokeFunction operation");
        }
        if (payload.length > 0) {
            try {
                Json.MAPPER.readTree(payload);
            } catch (Exception e) {
                throw new AwsException(400, "InvalidRequestContentException", "Could not parse request body into json: "
                        + "Could not parse payload into json");
            }
        }
        String function = Json.text(in, "FunctionName");
        FunctionRuntimeConfig config = runtimeConfig(store.function(function),
                FunctionRef.parse(function).qualifierOr(Json.text(in, "Qualifier")), true);
        switch (type) {
            case "DryRun":
                return Json.object().put("StatusCode", 204);
            case "Event":
                byte[] event = payload;
                async.submit(() -> run(config, event));
                return Json.object().put("StatusCode", 202).put("ExecutedVersion", config.version());
            case "RequestResponse":
                break;
            default:
                throw AwsException.validation("1 validation error detected: Value '" + type + "' at 'invocationType' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
        InvocationResult result = run(config, payload);
        ObjectNode out = Json.object().put("StatusCode", 200).put("ExecutedVersion", config.version());
        out.put("Payload", result.payload() == null ? new byte[0] : result.payload());
        if (result.functionError() != null) {
            out.put("FunctionError", result.functionError());
        }
        if ("Tail".equals(Json.text(in, "LogType")) && result.logTail() != null) {
            out.put("LogResult", Base64.getEncoder().encodeToString(tail(result.logTail())));
        }
        return out;
    }

    private static byte[] tail(String log) {
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 4096 ? bytes : java.util.Arrays.copyOfRange(bytes, bytes.length - 4096, bytes.length);
    }

    private InvocationResult run(FunctionRuntimeConfig config, byte[] payload) {
        try {
            return executor.invoke(config, payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload,
                    UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "invocation of " + config.functionName() + " failed", e);
            return new InvocationResult(("{\"errorMessage\":\"" + e.getClass().getSimpleName() + "\",\"errorType\":\"ServiceException\"}")
                    .getBytes(StandardCharsets.UTF_8), "Unhandled", null, 0);
        }
    }

    /** What the executor needs for $LATEST, a version or an alias, from the function's published record. */
    FunctionRuntimeConfig runtimeConfig(FunctionRecord fn, String qualifier, boolean requireActive) {
        String q = qualifier == null || qualifier.equals("$LATEST") ? null : qualifier;
        String version = fn.versionOf(q);
        ObjectNode cfg = fn.configuration(q, System.currentTimeMillis());
        String blob = fn.codeBlob;
        if (!version.equals("$LATEST")) {
            blob = fn.version(version).codeBlob();
        } else if (q == null && requireActive && !"Active".equals(cfg.path("State").asText())) {
            throw new AwsException(409, "ResourceConflictException", "The operation cannot be performed at this time. "
                    + "The function is currently in the following state: " + cfg.path("State").asText());
        }
        Map<String, String> env = new LinkedHashMap<>(Json.stringMap(cfg.path("Environment").path("Variables")));
        List<Path> layerZips = new ArrayList<>();
        for (JsonNode layer : cfg.path("Layers")) {
            Matcher m = LambdaLayers.VERSION_ARN.matcher(layer.path("Arn").asText());
            LayerRecord l = m.matches() ? store.layer(m.group(1)) : null;
            LayerRecord.Version v = l == null ? null : l.versions().get(Integer.parseInt(m.group(2)));
            if (v != null) {
                layerZips.add(store.blob(v.blob()));
            }
        }
        return new FunctionRuntimeConfig(cfg.get("FunctionName").asText(), fn.arn(), version,
                cfg.path("Runtime").asText(), cfg.path("Handler").asText(), store.blob(blob),
                cfg.path("CodeSha256").asText(), cfg.path("MemorySize").asInt(128), cfg.path("Timeout").asInt(3), env,
                cfg.path("Architectures").path(0).asText("x86_64"), layerZips,
                "On".equals(cfg.path("SnapStart").path("OptimizationStatus").asText()),
                roles.assume(cfg.path("Role").asText(), cfg.get("FunctionName").asText()));
    }

    /** Invokes as a service would, after Lambda's resource-policy check; waits for a Pending function to settle. */
    @Override
    public InvocationResult invoke(String functionRef, String principal, String sourceArn, byte[] payload) {
        Matcher apigw = APIGW_URI.matcher(functionRef);
        String ref = apigw.matches() ? apigw.group(1) : functionRef;
        FunctionRuntimeConfig config = null;
        long deadline = System.currentTimeMillis() + delays.createMillis() + delays.updateMillis() + 5_000;
        while (config == null) {
            FunctionRecord fn;
            try {
                fn = store.function(FunctionRef.parse(ref).name());
            } catch (AwsException e) {
                throw new FunctionNotFoundException("Function not found: " + ref);
            }
            if (principal != null && !LambdaPermissions.allows(fn, principal, sourceArn)) {
                throw new NotPermittedException("The resource policy of " + fn.arn()
                        + " does not allow " + principal + " to invoke it from " + sourceArn);
            }
            try {
                config = runtimeConfig(fn, FunctionRef.parse(ref).qualifier(), true);
            } catch (AwsException e) {
                if (e.status() == 404) {
                    throw new FunctionNotFoundException(e.getMessage());
                }
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            if (config == null) {
                sleep(20);
            }
        }
        return run(config, payload);
    }

    /** Invokes through a function URL, after Lambda's check that the resource policy grants the URL's auth type. */
    public InvocationResult invokeThroughUrl(String functionArn, String authType, byte[] payload) {
        FunctionRecord fn;
        try {
            fn = store.function(FunctionRef.parse(functionArn).name());
        } catch (AwsException e) {
            throw new FunctionNotFoundException("Function not found: " + functionArn);
        }
        if (!LambdaPermissions.allowsFunctionUrl(fn, authType)) {
            throw new NotPermittedException("The resource policy of " + fn.arn()
                    + " grants no lambda:InvokeFunctionUrl for auth type " + authType);
        }
        return invoke(functionArn, null, null, payload);
    }

    /** Fire-and-forget service invocation (SNS): failures are logged, as Lambda's async queue would drop them. */
    public void invokeAsync(String functionRef, String principal, String sourceArn, byte[] payload) {
        async.submit(() -> {
            try {
                InvocationResult r = invoke(functionRef, principal, sourceArn, payload);
                if (r.failed()) {
                    LOG.info("asynchronous invocation of " + functionRef + " failed: " + new String(r.payload(), StandardCharsets.UTF_8));
                }
            } catch (RuntimeException e) {
                LOG.warning("asynchronous invocation of " + functionRef + " refused: " + e.getMessage());
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    @Override
    public void close() {
        async.shutdownNow();
    }
}
