package io.javeze.config;

import java.util.List;
import java.util.Map;

/**
 * What {@code javeze.toml} says about permissions: the AWS resources the app uses ({@code [resources]}) and the
 * explicit IAM statements granted to every function ({@code [[iam.statements]]}) or to one
 * ({@code [[functions.NAME.iam.statements]]}). Deploy adds these to what it infers from each function's AWS SDK calls.
 *
 * @param resources  by their key in {@code [resources]}, in file order
 * @param statements {@code [[iam.statements]]}: granted to every function
 * @param functions  {@code [functions.NAME.iam]}: by function name
 */
public record Permissions(Map<String, AppResource> resources, List<IamStatement> statements, Map<String, FunctionIam> functions) {
    public static final Permissions NONE = new Permissions(Map.of(), List.of(), Map.of());

    public Permissions {
        resources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resources));
        statements = List.copyOf(statements);
        functions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(functions));
    }

    /**
     * One explicit IAM statement, granted as written (no {@code Condition}: scope with resource ARNs).
     *
     * @param effect    {@code Allow} or {@code Deny}
     * @param actions   {@code service:Action}, wildcards allowed within a service ({@code s3:Get*}); never a bare {@code *}
     * @param resources ARNs (wildcards allowed) or {@code *}
     * @param line      where it is written in javeze.toml
     */
    public record IamStatement(String effect, List<String> actions, List<String> resources, int line) {
        public IamStatement {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
        }
    }

    /**
     * {@code [functions.NAME.iam]}.
     *
     * @param line where {@code [functions.NAME]} is written, for the error when no function has that name
     */
    public record FunctionIam(String function, List<IamStatement> statements, int line) {
        public FunctionIam {
            statements = List.copyOf(statements);
        }
    }
}
