package io.javeze.deploy.state;

import io.javeze.aws.AwsErrors;
import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.model.Policies;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/** The service's functions: the wanted ones by name, the recorded ones, and any other carrying its tag. */
final class FunctionReader {
    private FunctionReader() {}

    static Map<String, ActualApp.Function> read(LambdaClient lambda, AwsCalls calls, java.util.concurrent.ExecutorService pool,
                                                DesiredApp desired, Collection<String> recordedArns) {
        Set<String> names = new TreeSet<>();
        Set<String> wanted = new TreeSet<>();
        desired.functions().stream().map(FunctionTarget::lambdaName).forEach(wanted::add);
        names.addAll(wanted);
        recordedArns.forEach(arn -> names.add(Arns.afterLastColon(arn)));
        String prefix = desired.service() + "-";
        calls.call(() -> lambda.listFunctionsPaginator(b -> b.maxItems(50)).functions().stream()
                        .map(FunctionConfiguration::functionName).filter(n -> n.startsWith(prefix)).toList())
                .forEach(names::add);
        // one listing of every event source mapping instead of one call per function
        Map<String, List<ActualApp.Mapping>> mappings = new HashMap<>();
        calls.call(() -> lambda.listEventSourceMappingsPaginator(b -> b.maxItems(100)).eventSourceMappings().stream().toList())
                .forEach(m -> {
                    String function = Arns.afterLastColon(m.functionArn());
                    if (names.contains(function) && !"Deleting".equals(m.state())) {
                        mappings.computeIfAbsent(function, k -> new ArrayList<>()).add(mapping(m));
                    }
                });
        // every function's configuration and resource policy, all side by side (leaf reads only: no task waits on another)
        Map<String, java.util.concurrent.CompletableFuture<GetFunctionResponse>> functions = new HashMap<>();
        Map<String, java.util.concurrent.CompletableFuture<Map<String, String>>> policies = new HashMap<>();
        for (String name : names) {
            functions.put(name, Parallel.async(pool, () -> getFunction(lambda, calls, name)));
            policies.put(name, Parallel.async(pool, () -> permissions(lambda, calls, name)));
        }
        List<ActualApp.Function> found = new ArrayList<>();
        for (String name : names) {
            found.add(toFunction(name, Parallel.join(functions.get(name)), Parallel.join(policies.get(name)),
                    wanted.contains(name), desired.service(), mappings.getOrDefault(name, List.of())));
        }
        Map<String, ActualApp.Function> out = new HashMap<>();
        found.stream().filter(f -> f != null).forEach(f -> out.put(f.name(), f));
        return out;
    }

    private static GetFunctionResponse getFunction(LambdaClient lambda, AwsCalls calls, String name) {
        try {
            return calls.call(() -> lambda.getFunction(b -> b.functionName(name)));
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            return null;
        }
    }

    private static ActualApp.Function toFunction(String name, GetFunctionResponse fn, Map<String, String> permissions,
                                                 boolean wanted, String service, List<ActualApp.Mapping> mappings) {
        if (fn == null) return null;
        Map<String, String> tags = fn.tags() == null ? Map.of() : fn.tags();
        if (!wanted && !OwnershipTags.ownedBy(tags, service)) return null;
        FunctionConfiguration c = fn.configuration();
        Map<String, String> env = c.environment() == null || c.environment().variables() == null
                ? Map.of() : c.environment().variables();
        List<String> archs = c.architectures() == null ? List.of() : c.architectures().stream().map(Architecture::toString).toList();
        return new ActualApp.Function(name, c.functionArn(), c.runtimeAsString(), c.handler(),
                c.memorySize() == null ? 0 : c.memorySize(), c.timeout() == null ? 0 : c.timeout(), c.role(), archs, env, tags,
                c.codeSha256(), c.stateAsString(), c.lastUpdateStatusAsString(), permissions, mappings);
    }

    private static ActualApp.Mapping mapping(EventSourceMappingConfiguration m) {
        List<String> types = m.functionResponseTypes() == null ? List.of()
                : m.functionResponseTypes().stream().map(FunctionResponseType::toString).toList();
        return new ActualApp.Mapping(m.uuid(), m.eventSourceArn(), m.batchSize() == null ? 0 : m.batchSize(), types, m.state());
    }

    /** Statement id → SourceArn condition ("" when the statement has none). */
    private static Map<String, String> permissions(LambdaClient lambda, AwsCalls calls, String name) {
        String policy;
        try {
            policy = calls.call(() -> lambda.getPolicy(b -> b.functionName(name)).policy());
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        if (policy == null) return out;
        for (JsonNode s : Policies.parse(policy).path("Statement")) {
            String sid = s.path("Sid").asText(null);
            if (sid == null) continue;
            JsonNode arn = s.path("Condition").path("ArnLike").path("AWS:SourceArn");
            if (arn.isMissingNode()) arn = s.path("Condition").path("ArnLike").path("aws:SourceArn");
            if (arn.isMissingNode()) arn = s.path("Condition").path("ArnEquals").path("AWS:SourceArn");
            out.put(sid, arn.isMissingNode() ? "" : arn.asText());
        }
        return out;
    }
}
