package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.store.RecordTable;
import io.javeze.local.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * IAM's roles: one journaled record per role (table {@code iam-roles}, by role name). Changes to a role hold only
 * that role's lock; readers (Lambda assuming a role, every call signed by a function) never wait.
 */
public final class IamStore {
    static final String TABLE = "iam-roles";

    private final RecordTable<Role> roles;
    /**
     * Each role's policies as parsed from the role record they came from. A change to a role (its policies, trust
     * policy or tags) commits a new record, so an entry whose record is not the role's current one is stale and the
     * next call re-parses: no call is judged by old policies, and an unchanged role is parsed once.
     */
    private final ConcurrentHashMap<String, RoleFacts> parsed = new ConcurrentHashMap<>();
    /** How many times a role's policies were parsed: the cache's seam for tests. */
    final AtomicInteger parses = new AtomicInteger();

    public IamStore(StateStore store) {
        this.roles = new RecordTable<>(store, TABLE, Role::fromJson, Role::toJson);
    }

    /** The names of the roles a data directory holds, for {@code javeze local status} (the cloud need not run). */
    public static List<String> roleNames(StateStore store) {
        return store.table(TABLE).records().keySet().stream().sorted().toList();
    }

    /**
     * A role's identity as its policies see it, parsed from one role record.
     *
     * @param trustPolicy its parsed trust policy, or null when that is not a JSON object (it then trusts no one)
     * @param policies    its parsed identity-based policies: inline, then attached managed ones
     */
    public record RoleFacts(Role role, JsonNode trustPolicy, List<JsonNode> policies) {
        public String roleId() {
            return role.roleId();
        }

        public Map<String, String> tags() {
            return role.tags();
        }
    }

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
     * The role's parsed policies (inline, then attached managed ones the local cloud knows: see
     * {@link ManagedPolicies}) and trust policy, or null when no role has this ARN. Parsed once per role record.
     */
    public RoleFacts roleFacts(String roleArn) {
        Role role = roleByArn(roleArn);
        if (role == null) {
            parsed.remove(roleArn.substring(roleArn.lastIndexOf('/') + 1));
            return null;
        }
        return parsed.compute(role.name(), (name, cached) -> cached != null && cached.role() == role ? cached : parse(role));
    }

    private RoleFacts parse(Role role) {
        parses.incrementAndGet();
        List<JsonNode> policies = new ArrayList<>();
        role.inline().values().forEach(doc -> {
            JsonNode policy = PolicyEvaluator.parse(doc);
            if (policy != null) { // PutRolePolicy only stores JSON objects
                policies.add(policy);
            }
        });
        role.attached().forEach(arn -> ManagedPolicies.document(arn).ifPresent(policies::add));
        return new RoleFacts(role, PolicyEvaluator.parse(role.assumeRolePolicyDocument()),
                List.copyOf(policies));
    }
}
