package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.http.AwsCall;
import io.javeze.local.iam.RoleAuthorizer;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** AWS Lambda's control plane (rest-json), with AWS's Pending → Active and InProgress → Successful state machine. */
public final class LambdaService implements AwsService {
    private static final Pattern HANDLER = Pattern.compile("[^\\s]{1,128}");
    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern RUNTIME = Pattern.compile(
            "java(8|8\\.al2|11|17|21|25)|provided(\\.al2|\\.al2023)?|python3\\.\\d+|nodejs\\d+\\.x|ruby3\\.\\d+|dotnet\\d+");
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]{1,128})");

    final LambdaState state;
    private final StateDelays delays;
    private final long conflictWindowMillis;
    private final RoleAuthorizer roles;
    private final BiFunction<String, String, byte[]> s3Objects;
    private final URI endpoint;
    private final LambdaPermissions permissions;
    private final FunctionUrls urls;
    private final LambdaLayers layers;
    private final EventSourceMappings mappings;
    private final LambdaInvoker invoker;

    /**
     * @param roles      the execution roles functions run with
     * @param s3Objects  (bucket, key) → object bytes, or null when missing
     */
    public LambdaService(StateStore store, String region, URI endpoint, StateDelays delays, long conflictWindowMillis,
                         RoleAuthorizer roles, BiFunction<String, String, byte[]> s3Objects,
                         FunctionExecutor executor, EventSourceMappings.QueueAccess queues) {
        this.state = new LambdaState(store, region);
        this.delays = delays;
        this.conflictWindowMillis = conflictWindowMillis;
        this.roles = roles;
        this.s3Objects = s3Objects;
        this.endpoint = endpoint;
        this.permissions = new LambdaPermissions(state);
        this.urls = new FunctionUrls(state, endpoint);
        this.layers = new LambdaLayers(state, this);
        this.invoker = new LambdaInvoker(state, executor, permissions, delays, roles);
        this.mappings = new EventSourceMappings(state, queues, invoker, delays, roles);
    }

    public LambdaInvoker invoker() {
        return invoker;
    }

    public EventSourceMappings mappings() {
        return mappings;
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        String op = call.operation();
        if (op.equals("Invoke")) {
            return invoker.invoke(call);
        }
        synchronized (state) {
            return switch (op) {
                case "CreateFunction" -> AwsResponse.json(201, createFunction(call));
                case "GetFunction" -> AwsResponse.json(getFunction(call));
                case "GetFunctionConfiguration" -> AwsResponse.json(configuration(call.path("FunctionName"), call.query("Qualifier")));
                case "ListFunctions" -> AwsResponse.json(listFunctions(call));
                case "UpdateFunctionCode" -> AwsResponse.json(updateCode(call));
                case "UpdateFunctionConfiguration" -> AwsResponse.json(updateConfiguration(call));
                case "DeleteFunction" -> deleteFunction(call);
                case "TagResource" -> tag(call);
                case "UntagResource" -> untag(call);
                case "ListTags" -> AwsResponse.json(Json.object().set("Tags", tagsOf(call.path("ARN")).deepCopy()));
                case "PublishVersion" -> AwsResponse.json(201, publishVersion(call));
                case "ListVersionsByFunction" -> AwsResponse.json(listVersions(call));
                case "CreateAlias" -> AwsResponse.json(201, createAlias(call));
                case "GetAlias" -> AwsResponse.json(aliasView(call, alias(call)));
                case "UpdateAlias" -> AwsResponse.json(updateAlias(call));
                case "DeleteAlias" -> deleteAlias(call);
                case "ListAliases" -> AwsResponse.json(listAliases(call));
                case "CreateFunctionUrlConfig", "GetFunctionUrlConfig", "UpdateFunctionUrlConfig", "DeleteFunctionUrlConfig" ->
                        urls.handle(call);
                case "PutFunctionConcurrency" -> AwsResponse.json(putConcurrency(call));
                case "GetFunctionConcurrency" -> AwsResponse.json(getConcurrency(call));
                case "DeleteFunctionConcurrency" -> {
                    state.function(call.path("FunctionName")).remove("concurrency");
                    state.save();
                    yield AwsResponse.empty(204);
                }
                case "AddPermission", "RemovePermission", "GetPolicy" -> permissions.handle(call);
                case "PublishLayerVersion", "GetLayerVersion", "ListLayerVersions", "ListLayers", "DeleteLayerVersion",
                        "GetLayerVersionByArn" -> layers.handle(call);
                case "CreateEventSourceMapping", "GetEventSourceMapping", "UpdateEventSourceMapping",
                        "DeleteEventSourceMapping", "ListEventSourceMappings" -> mappings.handle(call);
                case "GetAccountSettings" -> AwsResponse.json(accountSettings());
                default -> throw new AwsException(400, "InvalidParameterValueException",
                        "The local cloud does not implement " + op);
            };
        }
    }

    // ---- functions

    private ObjectNode createFunction(AwsCall call) {
        JsonNode in = call.json();
        FunctionRef ref = FunctionRef.parse(call.requiredJson("FunctionName"));
        if (ref.qualifier() != null) {
            throw AwsException.validation("1 validation error detected: Value '" + call.jsonText("FunctionName")
                    + "' at 'functionName' failed to satisfy constraint: Member must not include a qualifier");
        }
        String name = ref.name();
        String role = call.requiredJson("Role");
        validateRole(role);
        String packageType = in.path("PackageType").asText("Zip");
        if (!packageType.equals("Zip")) {
            throw AwsException.invalidParameter("The local cloud runs Zip packages only, not " + packageType);
        }
        if (in.path("Runtime").asText("").isEmpty()) {
            throw AwsException.invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        validateHandler(call.requiredJson("Handler"));
        if (state.functionOrNull(name) != null) {
            throw new AwsException(409, "ResourceConflictException", "Function already exist: " + name);
        }
        byte[] zip = code(in.path("Code"));
        long now = System.currentTimeMillis();
        ObjectNode fn = Json.object();
        ObjectNode cfg = fn.putObject("config");
        cfg.put("FunctionName", name).put("FunctionArn", state.functionArn(name)).put("Runtime", in.get("Runtime").asText())
                .put("Role", role).put("Handler", in.get("Handler").asText());
        cfg.put("Description", in.path("Description").asText(""));
        cfg.put("Timeout", 3).put("MemorySize", 128);
        cfg.put("Version", "$LATEST");
        cfg.putObject("TracingConfig").put("Mode", "PassThrough");
        cfg.put("PackageType", "Zip");
        cfg.putArray("Architectures").add("x86_64");
        cfg.putObject("EphemeralStorage").put("Size", 512);
        cfg.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        cfg.putObject("LoggingConfig").put("LogFormat", "Text").put("LogGroup", "/aws/lambda/" + name);
        applyConfiguration(cfg, in);
        setCode(fn, zip);
        cfg.put("LastModified", Clock.lambda(now));
        cfg.put("RevisionId", UUID.randomUUID().toString());
        cfg.put("State", "Pending").put("StateReason", "The function is being created.").put("StateReasonCode", "Creating");
        fn.put("readyAt", now + delays.createMillis());
        fn.put("busyUntil", now + delays.createMillis() + conflictWindowMillis);
        fn.set("tags", in.has("Tags") ? in.get("Tags").deepCopy() : Json.object());
        fn.putObject("versions");
        fn.put("nextVersion", 1);
        fn.putObject("aliases");
        fn.putArray("policy");
        state.functions().set(name, fn);
        ObjectNode out = view(fn, cfg);
        if (in.path("Publish").asBoolean(false)) {
            // as Lambda answers: $LATEST's view (unqualified ARN) naming the version just published
            out.put("Version", snapshot(fn).get("Version").asText());
        } else {
            invoker.prestart(name, null);
        }
        state.save();
        return out;
    }

    private void validateRole(String role) {
        if (!ROLE.matcher(role).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + role + "' at 'role' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
        }
        if (!roles.exists(role)) {
            throw AwsException.invalidParameter("The role defined for the function cannot be assumed by Lambda.");
        }
    }

    private static void validateHandler(String handler) {
        if (!HANDLER.matcher(handler).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + handler + "' at 'handler' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [^\\s]+ and have length less than or equal to 128");
        }
    }

    private byte[] code(JsonNode code) {
        byte[] zip;
        if (code.hasNonNull("ZipFile")) {
            zip = CodeArchive.decodeBase64(code.get("ZipFile").asText());
        } else if (code.hasNonNull("S3Bucket") && code.hasNonNull("S3Key")) {
            zip = s3Objects.apply(code.get("S3Bucket").asText(), code.get("S3Key").asText());
            if (zip == null) {
                throw AwsException.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.");
            }
        } else if (code.hasNonNull("ImageUri")) {
            throw AwsException.invalidParameter("The local cloud runs Zip packages only, not container images");
        } else {
            throw AwsException.invalidParameter("Please provide a source for function code.");
        }
        if (zip.length > 50L * 1024 * 1024 && code.hasNonNull("ZipFile")) {
            throw new AwsException(413, "RequestEntityTooLargeException", "Request must be smaller than 70167211 bytes for the CreateFunction operation");
        }
        CodeArchive.validate(zip);
        return zip;
    }

    private void setCode(ObjectNode fn, byte[] zip) {
        String hex = state.store.putBlob(zip);
        fn.put("codeBlob", hex);
        ObjectNode cfg = (ObjectNode) fn.get("config");
        cfg.put("CodeSha256", Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(hex)));
        cfg.put("CodeSize", zip.length);
    }

    private void applyConfiguration(ObjectNode cfg, JsonNode in) {
        if (in.hasNonNull("Role")) {
            validateRole(in.get("Role").asText());
            cfg.put("Role", in.get("Role").asText());
        }
        if (in.hasNonNull("Handler")) {
            validateHandler(in.get("Handler").asText());
            cfg.put("Handler", in.get("Handler").asText());
        }
        if (in.hasNonNull("Runtime")) {
            String runtime = in.get("Runtime").asText();
            if (!RUNTIME.matcher(runtime).matches()) {
                throw AwsException.invalidParameter("Value " + runtime + " at 'runtime' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [java8.al2, java11, java17, java21, java25, provided.al2, "
                        + "provided.al2023, python3.x, nodejs<N>.x, ruby3.x, dotnet<N>] or be a valid ARN");
            }
            cfg.put("Runtime", runtime);
        }
        if (in.hasNonNull("Description")) {
            if (in.get("Description").asText().length() > 256) {
                throw AwsException.validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 256");
            }
            cfg.put("Description", in.get("Description").asText());
        }
        if (in.hasNonNull("Timeout")) {
            int t = in.get("Timeout").asInt();
            if (t < 1 || t > 900) {
                throw AwsException.validation("1 validation error detected: Value '" + t + "' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
            }
            cfg.put("Timeout", t);
        }
        if (in.hasNonNull("MemorySize")) {
            int m = in.get("MemorySize").asInt();
            if (m < 128 || m > 10240) {
                throw AwsException.validation("1 validation error detected: Value '" + m + "' at 'memorySize' failed to satisfy constraint: Member must have value "
                        + (m < 128 ? "greater than or equal to 128" : "less than or equal to 10240"));
            }
            cfg.put("MemorySize", m);
        }
        if (in.has("Environment")) {
            JsonNode vars = in.path("Environment").path("Variables");
            if (vars.isObject() && vars.size() > 0) {
                cfg.putObject("Environment").set("Variables", vars.deepCopy());
            } else {
                cfg.remove("Environment");
            }
        }
        if (in.has("Architectures")) {
            JsonNode a = in.get("Architectures");
            if (!a.isArray() || a.size() != 1 || !(a.get(0).asText().equals("x86_64") || a.get(0).asText().equals("arm64"))) {
                throw AwsException.validation("1 validation error detected: Value at 'architectures' failed to satisfy constraint: Member must have length 1 and be one of [x86_64, arm64]");
            }
            cfg.set("Architectures", a.deepCopy());
        }
        if (in.hasNonNull("TracingConfig")) {
            cfg.putObject("TracingConfig").put("Mode", in.get("TracingConfig").path("Mode").asText("PassThrough"));
        }
        if (in.hasNonNull("SnapStart")) {
            String applyOn = in.get("SnapStart").path("ApplyOn").asText("None");
            if (!applyOn.equals("PublishedVersions") && !applyOn.equals("None")) {
                throw AwsException.validation("1 validation error detected: Value '" + applyOn + "' at 'snapStart.applyOn' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [PublishedVersions, None]");
            }
            String runtime = cfg.path("Runtime").asText();
            if (applyOn.equals("PublishedVersions") && (!runtime.startsWith("java") || runtime.startsWith("java8"))) {
                throw AwsException.invalidParameter("SnapStart is not supported for runtime " + runtime
                        + "; use a Java 11 or later managed runtime");
            }
            // $LATEST is never optimized; each version published while ApplyOn is PublishedVersions is (snapshot)
            cfg.putObject("SnapStart").put("ApplyOn", applyOn).put("OptimizationStatus", "Off");
        }
        if (in.hasNonNull("EphemeralStorage")) {
            cfg.putObject("EphemeralStorage").put("Size", in.get("EphemeralStorage").path("Size").asInt(512));
        }
        if (in.hasNonNull("LoggingConfig")) {
            ((ObjectNode) cfg.get("LoggingConfig")).setAll((ObjectNode) in.get("LoggingConfig").deepCopy());
        }
        if (in.has("Layers")) {
            ArrayNode out = Json.array();
            for (JsonNode l : in.path("Layers")) {
                out.addObject().put("Arn", l.asText()).put("CodeSize", layers.codeSize(l.asText()));
            }
            if (out.isEmpty()) {
                cfg.remove("Layers");
            } else {
                cfg.set("Layers", out);
            }
        }
    }

    /** Moves finished transitions on: Pending → Active, InProgress → Successful. */
    static void refresh(ObjectNode fn) {
        ObjectNode cfg = (ObjectNode) fn.get("config");
        if (System.currentTimeMillis() < fn.path("readyAt").asLong()) {
            return;
        }
        if ("Pending".equals(cfg.path("State").asText())) {
            cfg.put("State", "Active");
            cfg.remove(List.of("StateReason", "StateReasonCode"));
            cfg.put("LastUpdateStatus", "Successful");
        } else if ("InProgress".equals(cfg.path("LastUpdateStatus").asText())) {
            cfg.put("LastUpdateStatus", "Successful");
            cfg.remove(List.of("LastUpdateStatusReason", "LastUpdateStatusReasonCode"));
        }
    }

    private void checkNotBusy(ObjectNode fn) {
        refresh(fn);
        if (System.currentTimeMillis() < fn.path("busyUntil").asLong()) {
            throw new AwsException(409, "ResourceConflictException", "The operation cannot be performed at this time. "
                    + "An update is in progress for resource: " + fn.get("config").get("FunctionArn").asText());
        }
    }

    private static void checkRevision(ObjectNode cfg, JsonNode in) {
        String expected = in.path("RevisionId").asText(null);
        if (expected != null && !expected.equals(cfg.get("RevisionId").asText())) {
            throw new AwsException(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    private void startUpdate(ObjectNode fn) {
        long now = System.currentTimeMillis();
        ObjectNode cfg = (ObjectNode) fn.get("config");
        cfg.put("LastModified", Clock.lambda(now));
        cfg.put("RevisionId", UUID.randomUUID().toString());
        cfg.put("LastUpdateStatus", "InProgress").put("LastUpdateStatusReason", "The function is being updated.")
                .put("LastUpdateStatusReasonCode", "Updating");
        fn.put("readyAt", now + delays.updateMillis());
        fn.put("busyUntil", now + delays.updateMillis() + conflictWindowMillis);
        // only $LATEST changed: a published version's instances keep serving its aliases until they move
        invoker.evict(cfg.get("FunctionArn").asText(), "$LATEST");
    }

    private ObjectNode updateCode(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        JsonNode in = call.json();
        byte[] zip = code(in);
        checkNotBusy(fn);
        checkRevision((ObjectNode) fn.get("config"), in);
        if (in.has("Architectures")) {
            applyConfiguration((ObjectNode) fn.get("config"), Json.object().set("Architectures", in.get("Architectures")));
        }
        setCode(fn, zip);
        startUpdate(fn);
        ObjectNode out = view(fn, (ObjectNode) fn.get("config"));
        ObjectNode published = null;
        if (in.path("Publish").asBoolean(false)) {
            // as Lambda answers: the published version's configuration (qualified ARN)
            published = snapshot(fn);
            out = published.deepCopy();
        }
        state.save();
        if (published != null) {
            prestartVersion(fn, published);
        } else {
            prestartLatest(fn);
        }
        return out;
    }

    private ObjectNode updateConfiguration(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        JsonNode in = call.json();
        checkNotBusy(fn);
        ObjectNode cfg = (ObjectNode) fn.get("config");
        checkRevision(cfg, in);
        ObjectNode updated = cfg.deepCopy();
        applyConfiguration(updated, in);
        fn.set("config", updated);
        startUpdate(fn);
        state.save();
        prestartLatest(fn);
        return view(fn, updated);
    }

    /**
     * A version just published is usually what an alias moves to next (a javeze deploy publishes, then moves the
     * stage's alias): starting its instance now overlaps the JVM's start with the rest of the deploy, and the alias
     * move then finds it started.
     */
    private void prestartVersion(ObjectNode fn, ObjectNode version) {
        invoker.prestart(fn.get("config").get("FunctionName").asText(), version.get("Version").asText());
    }

    /** $LATEST is warmed after a change only where it is what gets invoked: a function without aliases. */
    private void prestartLatest(ObjectNode fn) {
        if (fn.get("aliases").isEmpty()) {
            invoker.prestart(fn.get("config").get("FunctionName").asText(), null);
        }
    }

    private AwsResponse deleteFunction(AwsCall call) {
        FunctionRef ref = FunctionRef.parse(call.path("FunctionName"));
        ObjectNode fn = state.function(ref.name());
        String qualifier = ref.qualifierOr(call.query("Qualifier"));
        String arn = fn.get("config").get("FunctionArn").asText();
        if (qualifier != null && !qualifier.equals("$LATEST")) {
            ObjectNode versions = (ObjectNode) fn.get("versions");
            if (!versions.has(qualifier)) {
                throw new AwsException(404, "ResourceNotFoundException", "Function not found: " + arn + ":" + qualifier);
            }
            for (JsonNode alias : fn.get("aliases")) {
                if (alias.get("FunctionVersion").asText().equals(qualifier)) {
                    throw new AwsException(409, "ResourceConflictException", "Unable to delete version because the following aliases reference it: "
                            + "[" + alias.get("Name").asText() + "]");
                }
            }
            versions.remove(qualifier);
            invoker.evict(arn, qualifier); // the other versions' instances keep serving
        } else {
            state.functions().remove(ref.name());
            invoker.evict(arn);
        }
        state.save();
        return AwsResponse.empty(204);
    }

    private ObjectNode getFunction(AwsCall call) {
        FunctionRef ref = FunctionRef.parse(call.path("FunctionName"));
        ObjectNode fn = state.function(ref.name());
        ObjectNode out = Json.object();
        ObjectNode cfg = configuration(call.path("FunctionName"), call.query("Qualifier"));
        out.set("Configuration", cfg);
        String blob = fn.get("codeBlob").asText();
        String version = cfg.path("Version").asText("$LATEST"); // an alias's qualifier resolved to its version
        if (fn.get("versions").has(version)) {
            blob = fn.get("versions").get(version).get("codeBlob").asText();
        }
        out.putObject("Code").put("RepositoryType", "S3").put("Location", endpoint.resolve("/_code/" + blob).toString());
        if (fn.get("tags").size() > 0) {
            out.set("Tags", fn.get("tags").deepCopy());
        }
        if (fn.has("concurrency")) {
            out.putObject("Concurrency").put("ReservedConcurrentExecutions", fn.get("concurrency").asInt());
        }
        return out;
    }

    /** The configuration of $LATEST, a version or an alias's version. */
    ObjectNode configuration(String functionName, String qualifierParam) {
        FunctionRef ref = FunctionRef.parse(functionName);
        ObjectNode fn = state.function(ref.name());
        refresh(fn);
        String q = ref.qualifierOr(qualifierParam);
        if (q == null || q.equals("$LATEST")) {
            return view(fn, (ObjectNode) fn.get("config"));
        }
        JsonNode alias = fn.get("aliases").get(q);
        String version = alias != null ? alias.get("FunctionVersion").asText() : q;
        if (version.equals("$LATEST")) {
            return view(fn, (ObjectNode) fn.get("config"));
        }
        JsonNode v = fn.get("versions").get(version);
        if (v == null) {
            throw new AwsException(404, "ResourceNotFoundException", "Function not found: "
                    + fn.get("config").get("FunctionArn").asText() + ":" + q);
        }
        ObjectNode cfg = (ObjectNode) v.get("config").deepCopy();
        cfg.put("State", "Active").put("LastUpdateStatus", "Successful");
        return cfg;
    }

    private static ObjectNode view(ObjectNode fn, ObjectNode cfg) {
        refresh(fn);
        return cfg.deepCopy();
    }

    private ObjectNode listFunctions(AwsCall call) {
        List<String> names = new ArrayList<>();
        state.functions().fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        int max = call.query("MaxItems") == null ? 50 : parseInt(call.query("MaxItems"), "maxItems");
        if (max < 1 || max > 10000) {
            throw AwsException.invalidParameter("MaxItems must be between 1 and 10000");
        }
        int from = call.query("Marker") == null ? 0 : parseInt(call.query("Marker"), "marker");
        ArrayNode list = Json.array();
        for (int i = from; i < Math.min(names.size(), from + max); i++) {
            ObjectNode fn = state.functionOrNull(names.get(i));
            list.add(view(fn, (ObjectNode) fn.get("config")));
        }
        ObjectNode out = Json.object();
        out.set("Functions", list);
        if (from + max < names.size()) {
            out.put("NextMarker", Integer.toString(from + max));
        }
        return out;
    }

    static int parseInt(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw AwsException.invalidParameter("Invalid " + what + ": " + s);
        }
    }

    // ---- tags (by function ARN)

    private ObjectNode tagsOf(String arn) {
        if (!arn.startsWith("arn:")) {
            throw AwsException.validation("1 validation error detected: Value '" + arn + "' at 'resource' failed to satisfy constraint: Member must be an ARN");
        }
        return (ObjectNode) state.function(arn).get("tags");
    }

    private AwsResponse tag(AwsCall call) {
        ObjectNode tags = tagsOf(call.path("ARN"));
        for (Iterator<Map.Entry<String, JsonNode>> it = call.json().path("Tags").fields(); it.hasNext(); ) {
            var e = it.next();
            tags.put(e.getKey(), e.getValue().asText());
        }
        if (tags.size() > 50) {
            throw AwsException.invalidParameter("Number of tags exceeds resource tag limit.");
        }
        state.save();
        return AwsResponse.empty(204);
    }

    private AwsResponse untag(AwsCall call) {
        ObjectNode tags = tagsOf(call.path("ARN"));
        call.queryAll("tagKeys").forEach(tags::remove);
        state.save();
        return AwsResponse.empty(204);
    }

    // ---- versions and aliases

    private ObjectNode snapshot(ObjectNode fn) {
        ObjectNode cfg = (ObjectNode) fn.get("config");
        ObjectNode versions = (ObjectNode) fn.get("versions");
        String last = Integer.toString(fn.get("nextVersion").asInt() - 1);
        JsonNode lastVersion = versions.get(last);
        if (lastVersion != null && lastVersion.get("codeBlob").asText().equals(fn.get("codeBlob").asText())
                && lastVersion.get("sourceRevision").asText().equals(cfg.get("RevisionId").asText())) {
            return (ObjectNode) lastVersion.get("config");
        }
        String number = Integer.toString(fn.get("nextVersion").asInt());
        fn.put("nextVersion", fn.get("nextVersion").asInt() + 1);
        ObjectNode vcfg = cfg.deepCopy();
        vcfg.put("Version", number).put("FunctionArn", cfg.get("FunctionArn").asText() + ":" + number)
                .put("RevisionId", UUID.randomUUID().toString());
        vcfg.remove(List.of("StateReason", "StateReasonCode", "LastUpdateStatusReason", "LastUpdateStatusReasonCode"));
        vcfg.put("State", "Active").put("LastUpdateStatus", "Successful");
        boolean snapStart = "PublishedVersions".equals(cfg.path("SnapStart").path("ApplyOn").asText());
        vcfg.putObject("SnapStart").put("ApplyOn", snapStart ? "PublishedVersions" : "None")
                .put("OptimizationStatus", snapStart ? "On" : "Off");
        ObjectNode v = versions.putObject(number);
        v.set("config", vcfg);
        v.put("codeBlob", fn.get("codeBlob").asText());
        v.put("sourceRevision", cfg.get("RevisionId").asText());
        return vcfg;
    }

    private ObjectNode publishVersion(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        JsonNode in = call.json();
        checkNotBusy(fn);
        ObjectNode cfg = (ObjectNode) fn.get("config");
        checkRevision(cfg, in);
        if (in.hasNonNull("CodeSha256") && !in.get("CodeSha256").asText().equals(cfg.get("CodeSha256").asText())) {
            throw AwsException.invalidParameter("CodeSHA256 (" + in.get("CodeSha256").asText()
                    + ") is different from current CodeSHA256 in $LATEST (" + cfg.get("CodeSha256").asText() + "). Please try again with the CodeSHA256 in $LATEST.");
        }
        ObjectNode v = snapshot(fn);
        if (in.hasNonNull("Description")) {
            v.put("Description", in.get("Description").asText());
        }
        state.save();
        prestartVersion(fn, v);
        return v.deepCopy();
    }

    private ObjectNode listVersions(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        ArrayNode list = Json.array();
        ObjectNode latest = view(fn, (ObjectNode) fn.get("config"));
        latest.put("FunctionArn", latest.get("FunctionArn").asText() + ":$LATEST"); // as AWS lists it; Get* report it unqualified
        list.add(latest);
        fn.get("versions").forEach(v -> {
            if (v.has("config")) {
                list.add(v.get("config").deepCopy());
            }
        });
        return (ObjectNode) Json.object().set("Versions", list);
    }

    private void requireVersion(ObjectNode fn, String version) {
        if (!version.equals("$LATEST") && !fn.get("versions").has(version)) {
            throw new AwsException(404, "ResourceNotFoundException", "Function not found: "
                    + fn.get("config").get("FunctionArn").asText() + ":" + version);
        }
    }

    private ObjectNode createAlias(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        String name = call.requiredJson("Name");
        if (!ALIAS.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
        String version = call.requiredJson("FunctionVersion");
        requireVersion(fn, version);
        String arn = fn.get("config").get("FunctionArn").asText() + ":" + name;
        if (fn.get("aliases").has(name)) {
            throw new AwsException(409, "ResourceConflictException", "Alias already exists: " + arn);
        }
        ObjectNode alias = ((ObjectNode) fn.get("aliases")).putObject(name);
        alias.put("AliasArn", arn).put("Name", name).put("FunctionVersion", version)
                .put("Description", call.json().path("Description").asText(""))
                .put("RevisionId", UUID.randomUUID().toString());
        if (call.json().has("RoutingConfig")) {
            alias.set("RoutingConfig", call.json().get("RoutingConfig").deepCopy());
        }
        state.save();
        invoker.prestart(fn.get("config").get("FunctionName").asText(), name);
        return alias.deepCopy();
    }

    private ObjectNode alias(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        String name = call.path("Name");
        JsonNode alias = fn.get("aliases").get(name);
        if (alias == null) {
            throw new AwsException(404, "ResourceNotFoundException", "Cannot find alias arn: "
                    + fn.get("config").get("FunctionArn").asText() + ":" + name);
        }
        return (ObjectNode) alias;
    }

    private static ObjectNode aliasView(AwsCall call, ObjectNode alias) {
        return alias.deepCopy();
    }

    private ObjectNode updateAlias(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        ObjectNode alias = alias(call);
        JsonNode in = call.json();
        String expected = in.path("RevisionId").asText(null);
        if (expected != null && !expected.equals(alias.get("RevisionId").asText())) {
            throw new AwsException(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id.");
        }
        Set<String> servedBefore = servedByAliases(fn);
        if (in.hasNonNull("FunctionVersion")) {
            requireVersion(fn, in.get("FunctionVersion").asText());
            if (!in.get("FunctionVersion").asText().equals(alias.get("FunctionVersion").asText())) {
                invoker.prestart(fn.get("config").get("FunctionName").asText(), alias.get("Name").asText());
            }
            alias.put("FunctionVersion", in.get("FunctionVersion").asText());
        }
        if (in.hasNonNull("Description")) {
            alias.put("Description", in.get("Description").asText());
        }
        if (in.has("RoutingConfig")) {
            alias.set("RoutingConfig", in.get("RoutingConfig").deepCopy());
        }
        alias.put("RevisionId", UUID.randomUUID().toString());
        state.save();
        retireUnserved(fn, servedBefore);
        return alias.deepCopy();
    }

    private AwsResponse deleteAlias(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        Set<String> servedBefore = servedByAliases(fn);
        ((ObjectNode) fn.get("aliases")).remove(call.path("Name"));
        state.save();
        retireUnserved(fn, servedBefore);
        return AwsResponse.empty(204);
    }

    /** The published versions some alias routes to (its version or a weighted additional one). */
    private static Set<String> servedByAliases(ObjectNode fn) {
        Set<String> served = new HashSet<>();
        for (JsonNode alias : fn.get("aliases")) {
            served.add(alias.path("FunctionVersion").asText());
            alias.path("RoutingConfig").path("AdditionalVersionWeights").fieldNames().forEachRemaining(served::add);
        }
        served.remove("$LATEST");
        return served;
    }

    /**
     * Stops the instances of versions no alias serves any more (the stage's alias moved on): they would only idle, and
     * hold the room the new version's instances need.
     */
    private void retireUnserved(ObjectNode fn, Set<String> servedBefore) {
        servedBefore.removeAll(servedByAliases(fn));
        String arn = fn.get("config").get("FunctionArn").asText();
        servedBefore.forEach(version -> invoker.evict(arn, version));
    }

    private ObjectNode listAliases(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        ArrayNode list = Json.array();
        String version = call.query("FunctionVersion");
        fn.get("aliases").forEach(a -> {
            if (version == null || version.equals(a.get("FunctionVersion").asText())) {
                list.add(a.deepCopy());
            }
        });
        return (ObjectNode) Json.object().set("Aliases", list);
    }

    /** The function (and qualifier) behind a function URL id, for the data plane. */
    public String functionForUrl(String urlId) {
        return urls.functionForUrl(urlId);
    }

    /** The URL config (AuthType, Cors, InvokeMode) behind a function URL id, or null. */
    public ObjectNode urlConfig(String urlId) {
        return urls.urlConfig(urlId);
    }

    // ---- concurrency and account

    private ObjectNode putConcurrency(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        JsonNode n = call.json().get("ReservedConcurrentExecutions");
        if (n == null || !n.canConvertToInt() || n.asInt() < 0 || n.asInt() > 1000) {
            throw AwsException.invalidParameter("ReservedConcurrentExecutions must be between 0 and 1000");
        }
        fn.put("concurrency", n.asInt());
        state.save();
        return Json.object().put("ReservedConcurrentExecutions", n.asInt());
    }

    private ObjectNode getConcurrency(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        ObjectNode out = Json.object();
        if (fn.has("concurrency")) {
            out.put("ReservedConcurrentExecutions", fn.get("concurrency").asInt());
        }
        return out;
    }

    private static ObjectNode accountSettings() {
        ObjectNode out = Json.object();
        out.putObject("AccountLimit").put("TotalCodeSize", 80530636800L).put("CodeSizeUnzipped", 262144000L)
                .put("CodeSizeZipped", 52428800L).put("ConcurrentExecutions", 1000).put("UnreservedConcurrentExecutions", 1000);
        out.putObject("AccountUsage").put("TotalCodeSize", 0).put("FunctionCount", 0);
        return out;
    }

    static String accountId() {
        return LocalAccount.ID;
    }
}
