package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.StateDelays;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Functions' operations, with AWS's Pending → Active and InProgress → Successful state machine: create, read, list,
 * update code and configuration, delete, tags and reserved concurrency. Code is checked and stored before the
 * function's lock is taken, so uploads to different functions overlap.
 */
final class FunctionOperations {
    private final LambdaStore store;
    private final FunctionSettings settings;
    private final StateDelays delays;
    private final long conflictWindowMillis;
    private final BiFunction<String, String, byte[]> s3Objects;
    private final URI endpoint;
    private final LambdaInvoker invoker;

    FunctionOperations(LambdaStore store, FunctionSettings settings, StateDelays delays, long conflictWindowMillis,
                       BiFunction<String, String, byte[]> s3Objects, URI endpoint, LambdaInvoker invoker) {
        this.store = store;
        this.settings = settings;
        this.delays = delays;
        this.conflictWindowMillis = conflictWindowMillis;
        this.s3Objects = s3Objects;
        this.endpoint = endpoint;
        this.invoker = invoker;
    }

    ObjectNode call(String operation, ObjectNode in) {
        String function = Json.text(in, "FunctionName");
        return switch (operation) {
            case "CreateFunction" -> create(in);
            case "GetFunction" -> get(function, Json.text(in, "Qualifier"));
            case "GetFunctionConfiguration" -> configuration(function, Json.text(in, "Qualifier"));
            case "ListFunctions" -> list(in);
            case "UpdateFunctionCode" -> updateCode(function, in);
            case "UpdateFunctionConfiguration" -> updateConfiguration(function, in);
            case "DeleteFunction" -> delete(function, Json.text(in, "Qualifier"));
            case "TagResource" -> store.update(functionOfArn(in), fn -> {
                fn.tags.putAll(Json.stringMap(in.path("Tags")));
                if (fn.tags.size() > 50) {
                    throw AwsException.invalidParameter("Number of tags exceeds resource tag limit.");
                }
                return null;
            });
            case "UntagResource" -> store.update(functionOfArn(in), fn -> {
                in.path("TagKeys").forEach(k -> fn.tags.remove(k.asText()));
                return null;
            });
            case "ListTags" -> (ObjectNode) Json.object().set("Tags", Json.toObject(store.function(functionOfArn(in)).tags));
            case "PutFunctionConcurrency" -> {
                JsonNode n = in.get("ReservedConcurrentExecutions");
                if (n == null || !n.canConvertToInt() || n.asInt() < 0 || n.asInt() > 1000) {
                    throw AwsException.invalidParameter("ReservedConcurrentExecutions must be between 0 and 1000");
                }
                store.update(function, fn -> fn.concurrency = n.asInt());
                yield Json.object().put("ReservedConcurrentExecutions", n.asInt());
            }
            case "GetFunctionConcurrency" -> {
                Integer reserved = store.function(function).concurrency;
                yield reserved == null ? Json.object() : Json.object().put("ReservedConcurrentExecutions", reserved);
            }
            case "DeleteFunctionConcurrency" -> store.update(function, fn -> {
                fn.concurrency = null;
                return null;
            });
            default -> throw new AwsException(400, "InvalidParameterValueException", "Unsupported " + operation);
        };
    }

    private static String functionOfArn(JsonNode in) {
        String arn = in.path("Resource").asText("");
        if (!arn.startsWith("arn:")) {
            throw AwsException.validation("1 validation error detected: Value '" + arn + "' at 'resource' failed to satisfy constraint: Member must be an ARN");
        }
        return arn;
    }

    private ObjectNode create(ObjectNode in) {
        FunctionRef ref = FunctionRef.parse(Json.text(in, "FunctionName"));
        if (ref.qualifier() != null) {
            throw AwsException.validation("1 validation error detected: Value '" + Json.text(in, "FunctionName")
                    + "' at 'functionName' failed to satisfy constraint: Member must not include a qualifier");
        }
        String name = ref.name();
        String role = in.path("Role").asText();
        settings.validateRole(role);
        if (!in.path("PackageType").asText("Zip").equals("Zip")) {
            throw AwsException.invalidParameter("The local cloud runs Zip packages only, not " + in.get("PackageType").asText());
        }
        if (in.path("Runtime").asText("").isEmpty() || !in.hasNonNull("Handler")) {
            throw AwsException.invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        FunctionSettings.validateHandler(in.get("Handler").asText());
        if (store.functionOrNull(name) != null) {
            throw new AwsException(409, "ResourceConflictException", "Function already exist: " + name);
        }
        byte[] zip = code(in.path("Code"));
        long now = System.currentTimeMillis();
        FunctionRecord fn = new FunctionRecord(name);
        ObjectNode cfg = Json.object();
        cfg.put("FunctionName", name).put("FunctionArn", store.functionArn(name)).put("Runtime", in.get("Runtime").asText())
                .put("Role", role).put("Handler", in.get("Handler").asText());
        cfg.put("Description", in.path("Description").asText(""));
        cfg.put("Timeout", 3).put("MemorySize", 128);
        cfg.put("Version", "$LATEST");
        cfg.putObject("TracingConfig").put("Mode", "PassThrough");
        cfg.put("PackageType", "Zip");
        cfg.putArray("Architectures").add("x86_64");
        cfg.putObject("EphemeralStorage").put("Size", 512);
        cfg.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        settings.apply(cfg, in);
        fn.config = cfg;
        setCode(fn, zip);
        cfg.put("LastModified", Clock.lambda(now));
        cfg.put("RevisionId", UUID.randomUUID().toString());
        cfg.put("State", "Pending").put("StateReason", "The function is being created.").put("StateReasonCode", "Creating");
        fn.readyAt = now + delays.createMillis();
        fn.busyUntil = now + delays.createMillis() + conflictWindowMillis;
        fn.tags.putAll(Json.stringMap(in.path("Tags")));
        ObjectNode out = fn.settled(now);
        boolean publish = in.path("Publish").asBoolean(false);
        if (publish) {
            // as Lambda answers: $LATEST's view (unqualified ARN) naming the version just published
            out.put("Version", Integer.toString(FunctionVersions.publish(fn).number()));
        }
        store.create(fn);
        if (!publish) {
            invoker.prestart(name, null);
        }
        return out;
    }

    /** The package a FunctionCode (or UpdateFunctionCode's members) names, checked as Lambda checks it. */
    private byte[] code(JsonNode code) {
        byte[] zip;
        if (code.hasNonNull("ZipFile")) {
            zip = CodeArchive.bytes(code.get("ZipFile"));
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

    private void setCode(FunctionRecord fn, byte[] zip) {
        String hex = store.putBlob(zip);
        fn.codeBlob = hex;
        fn.config.put("CodeSha256", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
        fn.config.put("CodeSize", zip.length);
    }

    static void checkNotBusy(FunctionRecord fn) {
        if (System.currentTimeMillis() < fn.busyUntil) {
            throw new AwsException(409, "ResourceConflictException", "The operation cannot be performed at this time. "
                    + "An update is in progress for resource: " + fn.arn());
        }
    }

    static void checkRevision(ObjectNode cfg, JsonNode in) {
        String expected = Json.text(in, "RevisionId");
        if (expected != null && !expected.equals(cfg.get("RevisionId").asText())) {
            throw new AwsException(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    private void startUpdate(FunctionRecord fn) {
        long now = System.currentTimeMillis();
        fn.config.put("LastModified", Clock.lambda(now));
        fn.config.put("RevisionId", UUID.randomUUID().toString());
        fn.config.put("LastUpdateStatus", "InProgress").put("LastUpdateStatusReason", "The function is being updated.")
                .put("LastUpdateStatusReasonCode", "Updating");
        fn.readyAt = now + delays.updateMillis();
        fn.busyUntil = now + delays.updateMillis() + conflictWindowMillis;
    }

    /** What an update answers, and what to start once it is published. */
    private record Updated(ObjectNode answer, String arn, String prestartQualifier, boolean prestart) {}

    private ObjectNode updateCode(String function, ObjectNode in) {
        byte[] zip = code(in);
        String hex = store.putBlob(zip);
        Updated u = store.update(function, fn -> {
            checkNotBusy(fn);
            checkRevision(fn.config, in);
            if (in.has("Architectures")) {
                settings.apply(fn.config, Json.object().set("Architectures", in.get("Architectures")));
            }
            fn.codeBlob = hex;
            fn.config.put("CodeSha256", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
            fn.config.put("CodeSize", zip.length);
            startUpdate(fn);
            if (in.path("Publish").asBoolean(false)) {
                // as Lambda answers: the published version's configuration (qualified ARN)
                FunctionRecord.Version v = FunctionVersions.publish(fn);
                return new Updated(v.config().deepCopy(), fn.arn(), Integer.toString(v.number()), true);
            }
            return new Updated(fn.settled(System.currentTimeMillis()), fn.arn(), null, fn.aliases.isEmpty());
        });
        afterUpdate(function, u);
        return u.answer();
    }

    private ObjectNode updateConfiguration(String function, ObjectNode in) {
        Updated u = store.update(function, fn -> {
            checkNotBusy(fn);
            checkRevision(fn.config, in);
            settings.apply(fn.config, in);
            startUpdate(fn);
            return new Updated(fn.settled(System.currentTimeMillis()), fn.arn(), null, fn.aliases.isEmpty());
        });
        afterUpdate(function, u);
        return u.answer();
    }

    /**
     * Only $LATEST changed: its instances go, a published version's keep serving its aliases until they move. What is
     * invoked next is started now: a version just published (what a deploy moves the stage's alias to next), or
     * $LATEST where nothing else is invoked (a function without aliases).
     */
    private void afterUpdate(String function, Updated u) {
        invoker.evict(u.arn(), "$LATEST");
        if (u.prestart()) {
            invoker.prestart(FunctionRef.parse(function).name(), u.prestartQualifier());
        }
    }

    private ObjectNode delete(String function, String qualifierParam) {
        FunctionRef ref = FunctionRef.parse(function);
        String qualifier = ref.qualifierOr(qualifierParam);
        if (qualifier == null || qualifier.equals("$LATEST")) {
            String[] arn = new String[1];
            store.delete(ref.name(), fn -> arn[0] = fn.arn());
            invoker.evict(arn[0]);
            return null;
        }
        String arn = store.update(ref.name(), fn -> {
            FunctionRecord.Version v = fn.version(qualifier);
            if (v == null) {
                throw new AwsException(404, "ResourceNotFoundException", "Function not found: " + fn.arn() + ":" + qualifier);
            }
            for (FunctionRecord.Alias alias : fn.aliases.values()) {
                if (alias.functionVersion().equals(qualifier)) {
                    throw new AwsException(409, "ResourceConflictException", "Unable to delete version because the following aliases reference it: "
                            + "[" + alias.name() + "]");
                }
            }
            fn.versions.remove(v.number());
            return fn.arn();
        });
        invoker.evict(arn, qualifier); // the other versions' instances keep serving
        return null;
    }

    private ObjectNode get(String function, String qualifierParam) {
        FunctionRef ref = FunctionRef.parse(function);
        FunctionRecord fn = store.function(ref.name());
        String qualifier = ref.qualifierOr(qualifierParam);
        ObjectNode cfg = configuration(fn, qualifier);
        ObjectNode out = Json.object();
        out.set("Configuration", cfg);
        FunctionRecord.Version v = fn.version(fn.versionOf(qualifier)); // an alias's qualifier resolved to its version
        String blob = v != null ? v.codeBlob() : fn.codeBlob;
        out.putObject("Code").put("RepositoryType", "S3").put("Location", endpoint.resolve("/_code/" + blob).toString());
        if (!fn.tags.isEmpty()) {
            out.set("Tags", Json.toObject(fn.tags));
        }
        if (fn.concurrency != null) {
            out.putObject("Concurrency").put("ReservedConcurrentExecutions", fn.concurrency);
        }
        return out;
    }

    /** The configuration of $LATEST, a version or an alias's version. */
    ObjectNode configuration(String function, String qualifierParam) {
        FunctionRef ref = FunctionRef.parse(function);
        return configuration(store.function(ref.name()), ref.qualifierOr(qualifierParam));
    }

    /** $LATEST asked for by name answers with its qualified ARN, as Lambda does; unqualified, with the function's. */
    private static ObjectNode configuration(FunctionRecord fn, String qualifier) {
        ObjectNode cfg = fn.configuration(qualifier, System.currentTimeMillis());
        if ("$LATEST".equals(qualifier)) {
            cfg.put("FunctionArn", fn.arn() + ":$LATEST");
        }
        return cfg;
    }

    private ObjectNode list(ObjectNode in) {
        List<FunctionRecord> all = store.functions();
        int max = in.path("MaxItems").asInt(50);
        if (max < 1 || max > 10000) {
            throw AwsException.invalidParameter("MaxItems must be between 1 and 10000");
        }
        String marker = Json.text(in, "Marker");
        int from;
        try {
            from = marker == null ? 0 : Integer.parseInt(marker);
        } catch (NumberFormatException e) {
            throw AwsException.invalidParameter("Invalid marker: " + marker);
        }
        ArrayNode list = Json.array();
        long now = System.currentTimeMillis();
        for (int i = Math.max(0, from); i < Math.min(all.size(), from + max); i++) {
            list.add(all.get(i).settled(now));
        }
        ObjectNode out = Json.object();
        out.set("Functions", list);
        if (from + max < all.size()) {
            out.put("NextMarker", Integer.toString(from + max));
        }
        return out;
    }
}
