package io.javeze.deploy.state;

import io.javeze.lambda.DependencyLayers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What exists now, read from AWS: the service's resources found by recorded ids, by name and by ownership tags.
 * Only resources proven to be this service's (by name derived from it and by tag) are listed as candidates for deletion.
 */
public record ActualApp(
        Map<String, Role> roles,
        Map<String, Function> functions,
        Api api,
        Map<String, Topic> topics,
        Map<String, Queue> queues,
        Map<String, LogGroup> logGroups,
        List<DependencyLayers.Version> layerVersions,
        Map<String, Schedule> schedules) {

    public ActualApp {
        schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
        roles = Map.copyOf(roles);
        functions = Map.copyOf(functions);
        topics = Map.copyOf(topics);
        queues = Map.copyOf(queues);
        logGroups = Map.copyOf(logGroups);
        layerVersions = List.copyOf(layerVersions);
    }

    public ActualApp(Map<String, Role> roles, Map<String, Function> functions, Api api, Map<String, Topic> topics,
                     Map<String, Queue> queues, Map<String, LogGroup> logGroups, List<DependencyLayers.Version> layerVersions) {
        this(roles, functions, api, topics, queues, logGroups, layerVersions, Map.of());
    }

    /** Without any version of the service's dependency layer. */
    public ActualApp(Map<String, Role> roles, Map<String, Function> functions, Api api, Map<String, Topic> topics,
                     Map<String, Queue> queues, Map<String, LogGroup> logGroups) {
        this(roles, functions, api, topics, queues, logGroups, List.of());
    }

    public static ActualApp empty() {
        return new ActualApp(Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of());
    }

    /** With the versions of the service's dependency layer ({@code ListLayerVersions}), newest first. */
    public ActualApp withLayerVersions(List<DependencyLayers.Version> versions) {
        return new ActualApp(roles, functions, api, topics, queues, logGroups, versions, schedules);
    }

    /** With the stage's schedules, by name. */
    public ActualApp withSchedules(Map<String, Schedule> found) {
        return new ActualApp(roles, functions, api, topics, queues, logGroups, layerVersions, found);
    }

    /**
     * An EventBridge Scheduler schedule of the default group named like the stage's.
     *
     * @param owned whether its description marks it as this service's and stage's
     */
    public record Schedule(String name, String expression, String timezone, String targetArn, String roleArn, String input,
                           String state, String description, boolean owned) {}

    /** @param owned whether it carries this service's and stage's ownership tags (only owned roles are ever changed or deleted) */
    public record Role(String name, String arn, Set<String> attachedPolicies, Map<String, String> inlinePolicies, boolean owned) {
        public Role {
            attachedPolicies = Set.copyOf(attachedPolicies);
            inlinePolicies = Map.copyOf(inlinePolicies);
        }
    }

    /**
     * A function of the service ($LATEST's configuration), with what the stage being deployed has of it.
     *
     * @param permissions       statement id → SourceArn of this stage's statements (on the stage's alias)
     * @param mappings          this stage's event source mappings (on its alias; unqualified ones of a legacy deployment)
     * @param aliases           every alias (stage) of the function → the version it serves
     * @param versions          published versions by number
     * @param legacyStage       the stage a function deployed before javeze had stages serves from $LATEST, else null
     * @param legacyPermissions javeze's unqualified statements of such a function (statement id → SourceArn)
     * @param versionsComplete  false when only the version the stage's alias serves was read (it already serves the
     *                          wanted one, so the plan needs no other): aliases and versions then hold just that one,
     *                          and $LATEST was not read either: the configuration fields hold that version's
     * @param description       $LATEST's description (a version published with UpdateFunctionCode inherits it), null
     *                          when $LATEST was not read
     * @param revisionId        $LATEST's RevisionId as read, null when $LATEST was not read: a change made with it fails
     *                          if anything changed $LATEST since
     */
    public record Function(
            String name,
            String arn,
            String runtime,
            String handler,
            int memorySize,
            int timeout,
            String role,
            List<String> architectures,
            Map<String, String> environment,
            Map<String, String> tags,
            String codeSha256,
            String state,
            String lastUpdateStatus,
            Map<String, String> permissions,
            List<Mapping> mappings,
            Map<String, String> aliases,
            Map<String, Version> versions,
            String legacyStage,
            Map<String, String> legacyPermissions,
            boolean versionsComplete,
            List<String> layers,
            boolean snapStart,
            String description,
            String revisionId) {

        public Function {
            architectures = List.copyOf(architectures);
            environment = Map.copyOf(environment);
            tags = Map.copyOf(tags);
            permissions = Map.copyOf(permissions);
            mappings = List.copyOf(mappings);
            aliases = Map.copyOf(aliases);
            versions = Map.copyOf(versions);
            legacyPermissions = Map.copyOf(legacyPermissions);
            layers = layers == null ? List.of() : List.copyOf(layers);
        }

        /** Without $LATEST's description and revision (read from a version, or in tests). */
        public Function(String name, String arn, String runtime, String handler, int memorySize, int timeout, String role,
                        List<String> architectures, Map<String, String> environment, Map<String, String> tags,
                        String codeSha256, String state, String lastUpdateStatus, Map<String, String> permissions,
                        List<Mapping> mappings, Map<String, String> aliases, Map<String, Version> versions, String legacyStage,
                        Map<String, String> legacyPermissions, boolean versionsComplete, List<String> layers, boolean snapStart) {
            this(name, arn, runtime, handler, memorySize, timeout, role, architectures, environment, tags, codeSha256, state,
                    lastUpdateStatus, permissions, mappings, aliases, versions, legacyStage, legacyPermissions, versionsComplete,
                    layers, snapStart, null, null);
        }

        /** Without layers or SnapStart. */
        public Function(String name, String arn, String runtime, String handler, int memorySize, int timeout, String role,
                        List<String> architectures, Map<String, String> environment, Map<String, String> tags,
                        String codeSha256, String state, String lastUpdateStatus, Map<String, String> permissions,
                        List<Mapping> mappings, Map<String, String> aliases, Map<String, Version> versions, String legacyStage,
                        Map<String, String> legacyPermissions, boolean versionsComplete) {
            this(name, arn, runtime, handler, memorySize, timeout, role, architectures, environment, tags, codeSha256, state,
                    lastUpdateStatus, permissions, mappings, aliases, versions, legacyStage, legacyPermissions, versionsComplete, List.of(), false, null, null);
        }

        /** Without SnapStart. */
        public Function(String name, String arn, String runtime, String handler, int memorySize, int timeout, String role,
                        List<String> architectures, Map<String, String> environment, Map<String, String> tags,
                        String codeSha256, String state, String lastUpdateStatus, Map<String, String> permissions,
                        List<Mapping> mappings, Map<String, String> aliases, Map<String, Version> versions, String legacyStage,
                        Map<String, String> legacyPermissions, boolean versionsComplete, List<String> layers) {
            this(name, arn, runtime, handler, memorySize, timeout, role, architectures, environment, tags, codeSha256, state,
                    lastUpdateStatus, permissions, mappings, aliases, versions, legacyStage, legacyPermissions, versionsComplete, layers, false, null, null);
        }

        /** Without layers. */
        public Function(String name, String arn, String runtime, String handler, int memorySize, int timeout, String role,
                        List<String> architectures, Map<String, String> environment, Map<String, String> tags,
                        String codeSha256, String state, String lastUpdateStatus, Map<String, String> permissions,
                        List<Mapping> mappings, Map<String, String> aliases, Map<String, Version> versions, String legacyStage,
                        Map<String, String> legacyPermissions, boolean versionsComplete, boolean snapStart) {
            this(name, arn, runtime, handler, memorySize, timeout, role, architectures, environment, tags, codeSha256, state,
                    lastUpdateStatus, permissions, mappings, aliases, versions, legacyStage, legacyPermissions, versionsComplete, List.of(), snapStart, null, null);
        }

        /** With every alias and version read. */
        public Function(String name, String arn, String runtime, String handler, int memorySize, int timeout, String role,
                        List<String> architectures, Map<String, String> environment, Map<String, String> tags,
                        String codeSha256, String state, String lastUpdateStatus, Map<String, String> permissions,
                        List<Mapping> mappings, Map<String, String> aliases, Map<String, Version> versions, String legacyStage,
                        Map<String, String> legacyPermissions) {
            this(name, arn, runtime, handler, memorySize, timeout, role, architectures, environment, tags, codeSha256, state,
                    lastUpdateStatus, permissions, mappings, aliases, versions, legacyStage, legacyPermissions, true);
        }

        /** A function with no alias or version yet, as before the first publish (for tests and legacy reads). */
        public Function(String name, String arn, String runtime, String handler, int memorySize, int timeout, String role,
                        List<String> architectures, Map<String, String> environment, Map<String, String> tags,
                        String codeSha256, String state, String lastUpdateStatus, Map<String, String> permissions,
                        List<Mapping> mappings) {
            this(name, arn, runtime, handler, memorySize, timeout, role, architectures, environment, tags, codeSha256, state,
                    lastUpdateStatus, permissions, mappings, Map.of(), Map.of(), null, Map.of());
        }

        /** $LATEST's code and configuration as a version-like snapshot, for comparisons. */
        public Version latest() {
            return new Version("$LATEST", null, codeSha256, runtime, handler, memorySize, timeout, role, architectures, environment, layers,
                    snapStart);
        }
    }

    /**
     * A published version: immutable code and configuration.
     *
     * @param description javeze writes {@code javeze stage=STAGE} there, so each stage's versions are known without the manifest
     * @param snapStart   its {@code SnapStart.ApplyOn} is {@code PublishedVersions}
     */
    public record Version(String number, String description, String codeSha256, String runtime, String handler, int memorySize,
                          int timeout, String role, List<String> architectures, Map<String, String> environment,
                          List<String> layers, boolean snapStart) {
        public Version {
            architectures = List.copyOf(architectures);
            environment = Map.copyOf(environment);
            layers = layers == null ? List.of() : List.copyOf(layers);
        }

        /** A version without layers or SnapStart. */
        public Version(String number, String description, String codeSha256, String runtime, String handler, int memorySize,
                       int timeout, String role, List<String> architectures, Map<String, String> environment) {
            this(number, description, codeSha256, runtime, handler, memorySize, timeout, role, architectures, environment, List.of(), false);
        }

        /** A version without SnapStart. */
        public Version(String number, String description, String codeSha256, String runtime, String handler, int memorySize,
                       int timeout, String role, List<String> architectures, Map<String, String> environment, List<String> layers) {
            this(number, description, codeSha256, runtime, handler, memorySize, timeout, role, architectures, environment, layers, false);
        }

        /** A version without layers. */
        public Version(String number, String description, String codeSha256, String runtime, String handler, int memorySize,
                       int timeout, String role, List<String> architectures, Map<String, String> environment, boolean snapStart) {
            this(number, description, codeSha256, runtime, handler, memorySize, timeout, role, architectures, environment, List.of(), snapStart);
        }

        /** Whether this version is exactly the wanted code and configuration. */
        public boolean serves(io.javeze.deploy.model.FunctionTarget f) {
            return f.codeSha256().equals(codeSha256)
                    && (architectures.isEmpty() ? "x86_64".equals(f.architecture()) : architectures.equals(List.of(f.architecture())))
                    && f.runtime().equals(runtime)
                    && f.handler().equals(handler)
                    && f.memorySize() == memorySize
                    && f.timeout() == timeout
                    && role != null && f.roleName().equals(role.substring(role.lastIndexOf('/') + 1))
                    && f.environment().equals(environment)
                    && f.layersMatch(layers)
                    && f.snapStart() == snapStart;
        }
    }

    /** @param qualifier the alias the mapping invokes, null for the unqualified function */
    public record Mapping(String uuid, String eventSourceArn, int batchSize, List<String> functionResponseTypes, String state,
                          String qualifier) {
        public Mapping(String uuid, String eventSourceArn, int batchSize, List<String> functionResponseTypes, String state) {
            this(uuid, eventSourceArn, batchSize, functionResponseTypes, state, null);
        }

        public Mapping {
            functionResponseTypes = List.copyOf(functionResponseTypes);
        }
    }

    /**
     * @param cors  the API's CORS configuration, null when it has none
     * @param notes what could not be read at this endpoint (an emulator without an operation), for the deploy's warnings
     */
    public record Api(String id, String endpoint, Map<String, String> tags, Map<String, Route> routes,
                      List<Integration> integrations, Map<String, Authorizer> authorizers, Map<String, Boolean> stages,
                      io.javeze.config.HttpCors cors, List<String> notes) {
        public Api(String id, String endpoint, Map<String, String> tags, Map<String, Route> routes,
                   List<Integration> integrations, Map<String, Authorizer> authorizers, Map<String, Boolean> stages) {
            this(id, endpoint, tags, routes, integrations, authorizers, stages, null);
        }

        public Api(String id, String endpoint, Map<String, String> tags, Map<String, Route> routes,
                   List<Integration> integrations, Map<String, Authorizer> authorizers, Map<String, Boolean> stages,
                   io.javeze.config.HttpCors cors) {
            this(id, endpoint, tags, routes, integrations, authorizers, stages, cors, List.of());
        }

        public Api {
            tags = Map.copyOf(tags);
            routes = Map.copyOf(routes);
            integrations = List.copyOf(integrations);
            authorizers = Map.copyOf(authorizers);
            stages = Map.copyOf(stages);
            notes = List.copyOf(notes);
        }
    }

    public record Route(String id, String routeKey, String target, String authorizationType, String authorizerId) {}

    public record Integration(String id, String type, String uri, String payloadFormatVersion) {}

    public record Authorizer(String id, String name, String type, String uri, List<String> identitySources,
                             int resultTtlSeconds, boolean simpleResponses, String payloadFormatVersion) {
        public Authorizer {
            identitySources = List.copyOf(identitySources);
        }
    }

    /** @param subscriptions subscription ARN → endpoint (for sqs, the queue ARN) */
    public record Topic(String snsName, String arn, boolean owned, Map<String, String> subscriptions) {
        public Topic {
            subscriptions = Map.copyOf(subscriptions);
        }
    }

    public record Queue(String name, String url, String arn, Map<String, String> attributes, boolean owned) {
        public Queue {
            attributes = Map.copyOf(attributes);
        }
    }

    public record LogGroup(String name, Integer retentionDays) {}
}
