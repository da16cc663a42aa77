package io.javeze.config.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One Lambda function of the application.
 *
 * @param name        the function's name inside the app, kebab-case of the method name unless the annotation names it
 * @param lambdaName  {@code {service_name}-{name}}, made valid for Lambda by {@link io.javeze.config.Naming}
 * @param kind        route, auth handler or subscriber
 * @param handler     the Lambda handler string of the generated class, {@code pkg.Class::handleRequest}
 * @param source      the user's method, {@code pkg.Class#method}
 * @param memorySize  the annotation's override in MB, or null for the javeze.toml default
 * @param timeout     the annotation's override in seconds, or null for the javeze.toml default
 * @param publishes   topics this function declares with {@code @Publisher}
 * @param snapStart   the annotation's SnapStart override ({@code snapStart = ON/OFF}), or null for javeze.toml's
 *                    {@code [lambda] snap_start}
 * @param schedule    the {@code @Schedule} of a scheduled function, else null
 * @param uses        keys of javeze.toml's {@code [resources]} the function declares with {@code @Uses} (on the
 *                    method or its class), sorted; omitted when empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionSpec(
        String name,
        String lambdaName,
        FunctionKind kind,
        String handler,
        String source,
        Integer memorySize,
        Integer timeout,
        List<String> publishes,
        Boolean snapStart,
        ScheduleSpec schedule,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> uses) {

    public FunctionSpec {
        publishes = publishes == null ? List.of() : List.copyOf(publishes);
        uses = uses == null ? List.of() : List.copyOf(uses);
    }

    /** A function that uses no declared resource. */
    public FunctionSpec(String name, String lambdaName, FunctionKind kind, String handler, String source, Integer memorySize,
                        Integer timeout, List<String> publishes, Boolean snapStart, ScheduleSpec schedule) {
        this(name, lambdaName, kind, handler, source, memorySize, timeout, publishes, snapStart, schedule, List.of());
    }

    /** A function that is not scheduled and uses no declared resource. */
    public FunctionSpec(String name, String lambdaName, FunctionKind kind, String handler, String source, Integer memorySize,
                        Integer timeout, List<String> publishes, Boolean snapStart) {
        this(name, lambdaName, kind, handler, source, memorySize, timeout, publishes, snapStart, null, List.of());
    }

    public FunctionSpec withUses(List<String> resources) {
        return new FunctionSpec(name, lambdaName, kind, handler, source, memorySize, timeout, publishes, snapStart, schedule, resources);
    }

    /** A function following javeze.toml's SnapStart setting. */
    public FunctionSpec(String name, String lambdaName, FunctionKind kind, String handler, String source, Integer memorySize,
                        Integer timeout, List<String> publishes) {
        this(name, lambdaName, kind, handler, source, memorySize, timeout, publishes, null);
    }
}
