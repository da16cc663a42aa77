package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Published versions and aliases: PublishVersion, ListVersionsByFunction and the alias operations. */
final class FunctionVersions {
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]{1,128})");
    private final LambdaStore store;
    private final LambdaInvoker invoker;

    FunctionVersions(LambdaStore store, LambdaInvoker invoker) {
        this.store = store;
        this.invoker = invoker;
    }

    /** Publishes $LATEST as it is, unless the last version already is exactly it (Lambda then answers that one). */
    static FunctionRecord.Version publish(FunctionRecord fn) {
        ObjectNode cfg = fn.config;
        FunctionRecord.Version last = fn.versions.isEmpty() ? null : fn.versions.lastEntry().getValue();
        if (last != null && last.codeBlob().equals(fn.codeBlob) && last.sourceRevision().equals(cfg.get("RevisionId").asText())) {
            return last;
        }
        int number = fn.nextVersion++;
        ObjectNode vcfg = cfg.deepCopy();
        vcfg.put("Version", Integer.toString(number)).put("FunctionArn", fn.arn() + ":" + number)
                .put("RevisionId", UUID.randomUUID().toString());
        vcfg.remove(List.of("StateReason", "StateReasonCode", "LastUpdateStatusReason", "LastUpdateStatusReasonCode"));
        vcfg.put("State", "Active").put("LastUpdateStatus", "Successful");
        boolean snapStart = "PublishedVersions".equals(cfg.path("SnapStart").path("ApplyOn").asText());
        vcfg.putObject("SnapStart").put("ApplyOn", snapStart ? "PublishedVersions" : "None")
                .put("OptimizationStatus", snapStart ? "On" : "Off");
        FunctionRecord.Version v = new FunctionRecord.Version(number, vcfg, fn.codeBlob, cfg.get("RevisionId").asText());
        fn.versions.put(number, v);
        return v;
    }

    ObjectNode call(String operation, ObjectNode in) {
        String function = in.path("FunctionName").asText(null);
        return switch (operation) {
            case "PublishVersion" -> publishVersion(function, in);
            case "ListVersionsByFunction" -> {
                FunctionRecord fn = store.function(function);
                ArrayNode list = Json.array();
                ObjectNode latest = fn.settled(System.currentTimeMillis());
                list.add(latest.put("FunctionArn", fn.arn() + ":$LATEST")); // as AWS lists it
                fn.versions.values().forEach(v -> list.add(v.config().deepCopy()));
                yield (ObjectNode) Json.object().set("Versions", list);
            }
            case "CreateAlias" -> createAlias(function, in);
            case "GetAlias" -> alias(store.function(function), in.path("Name").asText()).toShape();
            case "UpdateAlias" -> updateAlias(function, in);
            case "DeleteAlias" -> {
                Set<String> retired = store.update(function, fn -> {
                    Set<String> servedBefore = servedByAliases(fn);
                    fn.aliases.remove(in.path("Name").asText());
                    servedBefore.removeAll(servedByAliases(fn));
                    return servedBefore;
                });
                retire(function, retired);
                yield null;
            }
            case "ListAliases" -> {
                FunctionRecord fn = store.function(function);
                String version = Json.text(in, "FunctionVersion");
                ArrayNode list = Json.array();
                fn.aliases.values().forEach(a -> {
                    if (version == null || version.equals(a.functionVersion())) {
                        list.add(a.toShape());
                    }
                });
                yield (ObjectNode) Json.object().set("Aliases", list);
            }
            default -> throw new AwsException(400, "InvalidParameterValueException", "Unsupported " + operation);
        };
    }

    private ObjectNode publishVersion(String function, ObjectNode in) {
        FunctionRecord.Version v = store.update(function, fn -> {
            FunctionOperations.checkNotBusy(fn);
            FunctionOperations.checkRevision(fn.config, in);
            String sha = Json.text(in, "CodeSha256");
            if (sha != null && !sha.equals(fn.config.get("CodeSha256").asText())) {
                throw AwsException.invalidParameter("CodeSHA256 (" + sha + ") is different from current CodeSHA256 in $LATEST ("
                        + fn.config.get("CodeSha256").asText() + "). Please try again with the CodeSHA256 in $LATEST.");
            }
            FunctionRecord.Version published = publish(fn);
            if (in.hasNonNull("Description")) {
                published = new FunctionRecord.Version(published.number(),
                        published.config().deepCopy().put("Description", in.get("Description").asText()),
                        published.codeBlob(), published.sourceRevision());
                fn.versions.put(published.number(), published);
            }
            return published;
        });
        invoker.prestart(FunctionRef.parse(function).name(), Integer.toString(v.number()));
        return v.config().deepCopy();
    }

    private static void requireVersion(FunctionRecord fn, String version) {
        if (!version.equals("$LATEST") && fn.version(version) == null) {
            throw new AwsException(404, "ResourceNotFoundException", "Function not found: " + fn.arn() + ":" + version);
        }
    }

    private ObjectNode createAlias(String function, ObjectNode in) {
        String name = in.path("Name").asText();
        if (!ALIAS.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
        String version = in.path("FunctionVersion").asText();
        ObjectNode out = store.update(function, fn -> {
            requireVersion(fn, version);
            String arn = fn.arn() + ":" + name;
            if (fn.aliases.containsKey(name)) {
                throw new AwsException(409, "ResourceConflictException", "Alias already exists: " + arn);
            }
            FunctionRecord.Alias alias = new FunctionRecord.Alias(name, arn, version, in.path("Description").asText(""),
                    UUID.randomUUID().toString(), in.hasNonNull("RoutingConfig") ? in.get("RoutingConfig").deepCopy() : null);
            fn.aliases.put(name, alias);
            return alias.toShape();
        });
        invoker.prestart(FunctionRef.parse(function).name(), name);
        return out;
    }

    private static FunctionRecord.Alias alias(FunctionRecord fn, String name) {
        FunctionRecord.Alias alias = fn.aliases.get(name);
        if (alias == null) {
            throw new AwsException(404, "ResourceNotFoundException", "Cannot find alias arn: " + fn.arn() + ":" + name);
        }
        return alias;
    }

    private ObjectNode updateAlias(String function, ObjectNode in) {
        String name = in.path("Name").asText();
        boolean[] moved = {false};
        Set<String> retired = new HashSet<>();
        ObjectNode out = store.update(function, fn -> {
            FunctionRecord.Alias alias = alias(fn, name);
            String expected = Json.text(in, "RevisionId");
            if (expected != null && !expected.equals(alias.revisionId())) {
                throw new AwsException(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id.");
            }
            Set<String> servedBefore = servedByAliases(fn);
            String version = alias.functionVersion();
            if (in.hasNonNull("FunctionVersion")) {
                requireVersion(fn, in.get("FunctionVersion").asText());
                moved[0] = !in.get("FunctionVersion").asText().equals(version);
                version = in.get("FunctionVersion").asText();
            }
            FunctionRecord.Alias next = new FunctionRecord.Alias(name, alias.arn(), version,
                    in.hasNonNull("Description") ? in.get("Description").asText() : alias.description(), UUID.randomUUID().toString(),
                    in.has("RoutingConfig") ? in.get("RoutingConfig").deepCopy() : alias.routingConfig());
            fn.aliases.put(name, next);
            servedBefore.removeAll(servedByAliases(fn));
            retired.addAll(servedBefore);
            return next.toShape();
        });
        if (moved[0]) {
            invoker.prestart(FunctionRef.parse(function).name(), name);
        }
        retire(function, retired);
        return out;
    }

    /** The published versions some alias routes to (its version or a weighted additional one). */
    private static Set<String> servedByAliases(FunctionRecord fn) {
        Set<String> served = new HashSet<>();
        for (FunctionRecord.Alias alias : fn.aliases.values()) {
            served.add(alias.functionVersion());
            if (alias.routingConfig() != null) {
                alias.routingConfig().path("AdditionalVersionWeights").fieldNames().forEachRemaining(served::add);
            }
        }
        served.remove("$LATEST");
        return served;
    }

    /**
     * Stops the instances of versions no alias serves any more (the stage's alias moved on): they would only idle, and
     * hold the room the new version's instances need.
     */
    private void retire(String function, Set<String> versions) {
        FunctionRecord fn = store.functionOrNull(FunctionRef.parse(function).name());
        if (fn != null) {
            versions.forEach(version -> invoker.evict(fn.arn(), version));
        }
    }
}
