package io.javeze.deploy.state;

import io.javeze.aws.AwsErrors;
import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.model.Policies;
import io.javeze.deploy.model.StatementIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartResponse;

/**
 * The service's functions: the wanted ones by name, the recorded ones, and any other carrying its tag; for each,
 * its aliases and published versions, and the stage's own permissions and event source mappings.
 */
final class FunctionReader {
    private FunctionReader() {}

    /** @param full read every alias and version of every function, even where the stage's alias already serves the wanted one */
    static Map<String, ActualApp.Function> read(LambdaClient lambda, AwsCalls calls, ExecutorService pool,
                                                DesiredApp desired, Collection<String> recordedArns, boolean full) {
        return read(lambda, calls, pool, desired, CompletableFuture.completedFuture(desired), recordedArns, Set.of(), full);
    }

    /**
     * @param resolved the desired app with its layer versions' ARNs, which decide whether the stage's alias serves the
     *                 wanted function; awaited only then, so listing the layer versions overlaps the first round of reads
     * @param recordedMappings the UUIDs of the event source mappings this stage's record holds (made on its alias)
     */
    static Map<String, ActualApp.Function> read(LambdaClient lambda, AwsCalls calls, ExecutorService pool, DesiredApp desired,
                                                CompletableFuture<DesiredApp> resolved, Collection<String> recordedArns,
                                                Collection<String> recordedMappings, boolean full) {
        Set<String> names = new TreeSet<>();
        Set<String> wanted = new TreeSet<>();
        desired.functions().stream().map(FunctionTarget::lambdaName).forEach(wanted::add);
        names.addAll(wanted);
        Set<String> recorded = new TreeSet<>();
        recordedArns.forEach(arn -> recorded.add(Arns.functionName(arn)));
        names.addAll(recorded);
        // one listing of every event source mapping instead of one call per function, side by side with the functions'
        CompletableFuture<List<EventSourceMappingConfiguration>> allMappings = Parallel.async(pool, () -> calls.call(() ->
                lambda.listEventSourceMappingsPaginator(b -> b.maxItems(100)).eventSourceMappings().stream().toList()));
        // every function of the account is listed, so a name missing here does not exist: nothing more to read of it
        Set<String> existing = new TreeSet<>(calls.call(() -> lambda.listFunctionsPaginator(b -> b.maxItems(50)).functions()
                .stream().map(FunctionConfiguration::functionName).toList()));
        String prefix = desired.service() + "-";
        existing.stream().filter(n -> n.startsWith(prefix)).forEach(names::add);
        names.retainAll(existing);
        Map<String, List<ActualApp.Mapping>> mappings = new HashMap<>();
        Parallel.join(allMappings).forEach(m -> {
            String function = Arns.functionName(m.functionArn());
            if (names.contains(function) && !"Deleting".equals(m.state())) {
                mappings.computeIfAbsent(function, k -> new ArrayList<>()).add(mapping(m, recordedMappings, desired.stage()));
            }
        });
        String stage = desired.stage();
        // first round, side by side: the stage's permissions, and for the service's functions GetFunction on the stage's
        // alias (the version it serves, and the function's tags); $LATEST only where there is no alias yet
        Map<String, CompletableFuture<GetFunctionResponse>> latest = new HashMap<>();
        Map<String, CompletableFuture<GetFunctionResponse>> atStage = new HashMap<>();
        Map<String, CompletableFuture<ActualApp.Version>> served = new HashMap<>();
        Map<String, CompletableFuture<Map<String, String>>> policies = new HashMap<>();
        for (String name : names) {
            if (recorded.contains(name) || wanted.contains(name)) {
                // listed, so it exists, and it is the service's by record or by name: read everything at once
                CompletableFuture<GetFunctionResponse> alias = Parallel.async(pool, () -> getFunction(lambda, calls, name, stage));
                atStage.put(name, alias);
                served.put(name, alias.thenApply(r -> r == null ? null : version(r.configuration())));
                latest.put(name, alias.thenApplyAsync(r -> r == null ? getFunction(lambda, calls, name, null) : null, pool));
                policies.put(name, Parallel.async(pool, () -> permissions(lambda, calls, name, stage,
                        sid -> sid.startsWith(StatementIds.stagePrefix(stage)))));
            } else {
                // a name that only shares the prefix may be another service's: the rest once its tags prove it ours
                CompletableFuture<GetFunctionResponse> fn = Parallel.async(pool, () -> getFunction(lambda, calls, name, null));
                latest.put(name, fn);
                served.put(name, fn.thenApplyAsync(f -> !owned(f, desired) ? null : served(lambda, calls, name, stage), pool));
                policies.put(name, fn.thenApplyAsync(f -> !owned(f, desired) ? Map.<String, String>of() : permissions(lambda, calls, name, stage,
                        sid -> sid.startsWith(StatementIds.stagePrefix(stage))), pool));
            }
        }
        // second round, only where the plan needs $LATEST and every alias and version: the stage changes the function,
        // or drops it
        Map<String, CompletableFuture<Map<String, String>>> aliases = new HashMap<>();
        Map<String, CompletableFuture<Map<String, ActualApp.Version>>> versions = new HashMap<>();
        Map<String, GetFunctionResponse> known = new HashMap<>();
        for (String name : names) {
            GetFunctionResponse fn = Parallel.join(latest.get(name));
            GetFunctionResponse any = fn != null ? fn : atStage.containsKey(name) ? Parallel.join(atStage.get(name)) : null;
            if (any == null || (!wanted.contains(name) && !owned(any, desired))) continue;
            known.put(name, any);
            ActualApp.Version v = Parallel.join(served.get(name));
            FunctionTarget target = Parallel.join(resolved).functionByLambdaName(name).orElse(null);
            if (!full && target != null && v != null && v.serves(target)) continue;
            aliases.put(name, Parallel.async(pool, () -> aliases(lambda, calls, name)));
            versions.put(name, Parallel.async(pool, () -> versions(lambda, calls, name)));
            if (fn == null) latest.put(name, Parallel.async(pool, () -> getFunction(lambda, calls, name, null)));
        }
        List<ActualApp.Function> found = new ArrayList<>();
        for (String name : names) {
            if (!known.containsKey(name)) continue;
            boolean complete = aliases.containsKey(name);
            // without the second round, $LATEST was not read: the plan looks at the version the alias serves only
            GetFunctionResponse fn = complete ? Parallel.join(latest.get(name)) : known.get(name);
            if (fn == null) continue; // deleted meanwhile
            Map<String, String> tags = fn.tags() == null ? Map.of() : fn.tags();
            String legacyStage = tags.get(OwnershipTags.STAGE);
            // a function deployed before stages: its unqualified statements and mappings are this stage's to migrate
            boolean migrating = stage.equals(legacyStage);
            Map<String, String> legacyPermissions = migrating
                    ? permissions(lambda, calls, name, null, StatementIds::legacy) : Map.of();
            List<ActualApp.Mapping> own = mappings.getOrDefault(name, List.of()).stream()
                    .filter(m -> stage.equals(m.qualifier()) || (migrating && m.qualifier() == null)).toList();
            Map<String, String> allAliases;
            Map<String, ActualApp.Version> allVersions;
            if (complete) {
                allAliases = Parallel.join(aliases.get(name));
                allVersions = Parallel.join(versions.get(name));
            } else {
                // the stage's alias already serves the wanted version: that is all the plan looks at
                ActualApp.Version v = Parallel.join(served.get(name));
                allAliases = Map.of(stage, v.number());
                allVersions = Map.of(v.number(), v);
            }
            found.add(toFunction(name, fn, tags, Parallel.join(policies.get(name)), own, allAliases, allVersions, legacyStage,
                    legacyPermissions, complete));
        }
        Map<String, ActualApp.Function> out = new HashMap<>();
        found.forEach(f -> out.put(f.name(), f));
        return out;
    }

    private static boolean owned(GetFunctionResponse fn, DesiredApp desired) {
        return fn != null && OwnershipTags.ownedBy(fn.tags() == null ? Map.of() : fn.tags(), desired.service());
    }

    /** The function at the qualifier (its configuration there, and the function's tags), or null if either is missing. */
    private static GetFunctionResponse getFunction(LambdaClient lambda, AwsCalls calls, String name, String qualifier) {
        try {
            return calls.call(() -> lambda.getFunction(b -> b.functionName(name).qualifier(qualifier)));
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            return null;
        }
    }

    private static ActualApp.Function toFunction(String name, GetFunctionResponse fn, Map<String, String> tags,
                                                 Map<String, String> permissions, List<ActualApp.Mapping> mappings,
                                                 Map<String, String> aliases, Map<String, ActualApp.Version> versions,
                                                 String legacyStage, Map<String, String> legacyPermissions, boolean complete) {
        FunctionConfiguration c = fn.configuration();
        ActualApp.Version latest = version(c);
        return new ActualApp.Function(name, c.functionArn(), latest.runtime(), latest.handler(), latest.memorySize(),
                latest.timeout(), latest.role(), latest.architectures(), latest.environment(), tags, latest.codeSha256(),
                c.stateAsString(), c.lastUpdateStatusAsString(), permissions, mappings, aliases, versions, legacyStage,
                legacyPermissions, complete, latest.layers(), latest.snapStart(),
                complete ? c.description() : null, complete ? c.revisionId() : null);
    }

    static ActualApp.Version version(software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse c) {
        Map<String, String> env = c.environment() == null || c.environment().variables() == null
                ? Map.of() : c.environment().variables();
        List<String> archs = c.architectures() == null ? List.of() : c.architectures().stream().map(Architecture::toString).toList();
        return new ActualApp.Version(c.version(), c.description(), c.codeSha256(), c.runtimeAsString(), c.handler(),
                c.memorySize() == null ? 0 : c.memorySize(), c.timeout() == null ? 0 : c.timeout(), c.role(), archs, env,
                layerArns(c.layers()), snapStart(c.snapStart()));
    }

    private static List<String> layerArns(List<software.amazon.awssdk.services.lambda.model.Layer> layers) {
        return layers == null ? List.of() : layers.stream().map(software.amazon.awssdk.services.lambda.model.Layer::arn).toList();
    }

    static ActualApp.Version version(FunctionConfiguration c) {
        Map<String, String> env = c.environment() == null || c.environment().variables() == null
                ? Map.of() : c.environment().variables();
        List<String> archs = c.architectures() == null ? List.of() : c.architectures().stream().map(Architecture::toString).toList();
        return new ActualApp.Version(c.version(), c.description(), c.codeSha256(), c.runtimeAsString(), c.handler(),
                c.memorySize() == null ? 0 : c.memorySize(), c.timeout() == null ? 0 : c.timeout(), c.role(), archs, env,
                layerArns(c.layers()), snapStart(c.snapStart()));
    }

    /** Whether SnapStart applies: Lambda reports {@code ApplyOn} on $LATEST and on each version it published. */
    static boolean snapStart(SnapStartResponse s) {
        return s != null && s.applyOn() == SnapStartApplyOn.PUBLISHED_VERSIONS;
    }

    /** The configuration of the version the stage's alias serves, or null without an alias. */
    private static ActualApp.Version served(LambdaClient lambda, AwsCalls calls, String name, String stage) {
        try {
            return version(calls.call(() -> lambda.getFunctionConfiguration(b -> b.functionName(name).qualifier(stage))));
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            return null;
        }
    }

    private static Map<String, String> aliases(LambdaClient lambda, AwsCalls calls, String name) {
        try {
            Map<String, String> out = new HashMap<>();
            calls.call(() -> lambda.listAliasesPaginator(b -> b.functionName(name)).aliases().stream().toList())
                    .forEach((AliasConfiguration a) -> out.put(a.name(), a.functionVersion()));
            return out;
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            return Map.of();
        }
    }

    private static Map<String, ActualApp.Version> versions(LambdaClient lambda, AwsCalls calls, String name) {
        try {
            Map<String, ActualApp.Version> out = new HashMap<>();
            calls.call(() -> lambda.listVersionsByFunctionPaginator(b -> b.functionName(name)).versions().stream().toList())
                    .stream().filter(v -> !"$LATEST".equals(v.version()))
                    .forEach(v -> out.put(v.version(), version(v)));
            return out;
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            return Map.of();
        }
    }

    /**
     * A mapping this stage's record holds was made on the stage's alias: an emulator that reports it on the version the
     * alias pointed at then (moto resolves the alias when the mapping is created) still reports the alias's mapping.
     * AWS reports the alias itself.
     */
    private static ActualApp.Mapping mapping(EventSourceMappingConfiguration m, Collection<String> recordedMappings, String stage) {
        String qualifier = Arns.qualifier(m.functionArn());
        boolean version = qualifier != null && !qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit);
        ActualApp.Mapping read = mapping(m);
        if (!version || !recordedMappings.contains(m.uuid())) return read;
        return new ActualApp.Mapping(read.uuid(), read.eventSourceArn(), read.batchSize(), read.functionResponseTypes(),
                read.state(), stage);
    }

    private static ActualApp.Mapping mapping(EventSourceMappingConfiguration m) {
        List<String> types = m.functionResponseTypes() == null ? List.of()
                : m.functionResponseTypes().stream().map(FunctionResponseType::toString).toList();
        return new ActualApp.Mapping(m.uuid(), m.eventSourceArn(), m.batchSize() == null ? 0 : m.batchSize(), types, m.state(),
                Arns.qualifier(m.functionArn()));
    }

    /** Statement id → SourceArn condition ("" when the statement has none) of javeze's statements on the qualifier. */
    private static Map<String, String> permissions(LambdaClient lambda, AwsCalls calls, String name, String qualifier,
                                                   Predicate<String> ours) {
        String policy;
        try {
            policy = calls.call(() -> lambda.getPolicy(b -> b.functionName(name).qualifier(qualifier)).policy());
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        if (policy == null) return out;
        for (JsonNode s : Policies.parse(policy).path("Statement")) {
            String sid = s.path("Sid").asText(null);
            if (sid == null || !ours.test(sid)) continue;
            JsonNode arn = s.path("Condition").path("ArnLike").path("AWS:SourceArn");
            if (arn.isMissingNode()) arn = s.path("Condition").path("ArnLike").path("aws:SourceArn");
            if (arn.isMissingNode()) arn = s.path("Condition").path("ArnEquals").path("AWS:SourceArn");
            out.put(sid, arn.isMissingNode() ? "" : arn.asText());
        }
        return out;
    }
}
