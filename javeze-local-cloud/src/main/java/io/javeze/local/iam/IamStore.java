package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.RecordTable;
import io.javeze.local.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * IAM's roles: one journaled record per role (table {@code iam-roles}, by role name). Changes to a role hold only
 * that role's lock; readers (Lambda assuming a role, every call signed by a function) never wait.
 */
public final class IamStore {
    static final String TABLE = "iam-roles";

    private final RecordTable<Role> roles;

    public IamStore(StateStore store) {
        this.roles = new RecordTable<>(store, TABLE, Role::fromJson, Role::toJson);
    }

    /** The names of the roles a data directory holds, for {@code javeze local status} (the cloud need not run). */
    public static List<String> roleNames(StateStore store) {
        return store.table(TABLE).records().keySet().stream().sorted().toList();
    }

    /** A role's identity as its policies see it. */
    public record RoleFacts(String roleId, Map<String, String> tags, List<JsonNode> policies) {}

    /** The role with this name; NoSuchEntity when there is none. */
    Role role(String name) {
        Role role = roles.get(name);
        if (role == null) {
            throw noSuchRole(name);
        }
        return role;
    }

    List<Role> all() {
        return roles.all();
    }

    /** Creates the role; EntityAlreadyExists when one has its name. */
    void create(Role role) {
        roles.update(role.name(), current -> {
            if (current != null) {
                throw new AwsException(409, "EntityAlreadyExists", "Role with name " + role.name() + " already exists.");
            }
            return role;
        });
    }

    /** Changes the existing role atomically; NoSuchEntity when there is none. */
    Role update(String name, UnaryOperator<Role> change) {
        return roles.update(name, current -> {
            if (current == null) {
                throw noSuchRole(name);
            }
            return change.apply(current);
        });
    }

    /** Deletes the role once it has no policies left, as IAM requires. */
    void delete(String name) {
        roles.update(name, current -> {
            if (current == null) {
                throw noSuchRole(name);
            }
            if (!current.attached().isEmpty() || !current.inline().isEmpty()) {
                throw new AwsException(409, "DeleteConflict", "Cannot delete entity, must "
                        + (!current.attached().isEmpty() ? "detach all policies" : "delete policies") + " first.");
            }
            return null;
        });
    }

    private static AwsException noSuchRole(String name) {
        return new AwsException(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
    }

    /** The role with this ARN, or null. */
    public Role roleByArn(String roleArn) {
        Role role = roles.get(roleArn.substring(roleArn.lastIndexOf('/') + 1));
        return role != null && role.arn().equals(roleArn) ? role : null;
    }

    /** Whether a role with this ARN exists: Lambda refuses roles it cannot assume. */
    public boolean roleExists(String roleArn) {
        return roleByArn(roleArn) != null;
    }

    /**
     * The role's identity-based policies (inline, then attached managed ones the local cloud knows: see
     * {@link ManagedPolicies}), or null when no role has this ARN.
     */
    public RoleFacts roleFacts(String roleArn) {
        Role role = roleByArn(roleArn);
        if (role == null) {
            return null;
        }
        List<JsonNode> policies = new ArrayList<>();
        role.inline().values().forEach(doc -> {
            try {
                policies.add(Json.MAPPER.readTree(doc));
            } catch (Exception e) {
                // PutRolePolicy only stores JSON objects
            }
        });
        role.attached().forEach(arn -> ManagedPolicies.document(arn).ifPresent(policies::add));
        return new RoleFacts(role.roleId(), role.tags(), policies);
    }
}
