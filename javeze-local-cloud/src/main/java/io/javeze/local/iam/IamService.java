package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** IAM roles with tags, attached managed policies and inline policies (query protocol). */
public final class IamService implements AwsService {
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private final StateStore store;
    private final ObjectNode state;

    public IamService(StateStore store) {
        this.store = store;
        this.state = store.load("iam");
        if (!state.has("roles")) {
            state.putObject("roles");
        }
    }

    @Override
    public String signingName() {
        return "iam";
    }

    /** Whether a role with this ARN exists: Lambda refuses roles it cannot assume. */
    public synchronized boolean roleExists(String roleArn) {
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return roles().has(name) && roles().get(name).get("Arn").asText().equals(roleArn);
    }

    /** A role's identity as its policies see it. */
    public record RoleFacts(String roleId, Map<String, String> tags, List<JsonNode> policies) {}

    /**
     * The role's identity-based policies (inline, then attached managed ones the local cloud knows: see
     * {@link ManagedPolicies}), or null when no role has this ARN.
     */
    public synchronized RoleFacts roleFacts(String roleArn) {
        if (!roleExists(roleArn)) {
            return null;
        }
        JsonNode role = roles().get(roleArn.substring(roleArn.lastIndexOf('/') + 1));
        List<JsonNode> policies = new ArrayList<>();
        role.path("inline").forEach(doc -> {
            try {
                policies.add(Json.MAPPER.readTree(doc.asText()));
            } catch (Exception e) {
                // PutRolePolicy only stores JSON objects
            }
        });
        role.path("attached").forEach(arn -> ManagedPolicies.document(arn.asText()).ifPresent(policies::add));
        return new RoleFacts(role.path("RoleId").asText(), Json.stringMap(role.path("Tags")), policies);
    }

    /**
     * Why {@code service} may not act with the role, or null when it may: the role's trust policy must let the service
     * assume it (its conditions evaluated on {@code context}, e.g. {@code aws:sourcearn}), and its identity-based
     * policies must allow {@code action} on {@code resource}. One evaluator ({@link PolicyEvaluator}) decides both.
     */
    public synchronized String refusal(String roleArn, String service, Map<String, String> context, String action, String resource) {
        RoleFacts facts = roleFacts(roleArn);
        if (facts == null) {
            return "role " + roleArn + " does not exist";
        }
        Map<String, List<String>> keys = new java.util.HashMap<>();
        context.forEach((k, v) -> keys.put(k, List.of(v)));
        JsonNode trust = PolicyEvaluator.parse(roles().get(roleArn.substring(roleArn.lastIndexOf('/') + 1)).path("AssumeRolePolicyDocument").asText());
        PolicyEvaluator.Decision assume = PolicyEvaluator.resource(trust, PolicyEvaluator.Principal.service(service),
                new PolicyEvaluator.Request("sts:AssumeRole", roleArn, keys));
        if (assume != PolicyEvaluator.Decision.ALLOW) {
            return "the trust policy of " + roleArn + (assume == PolicyEvaluator.Decision.EXPLICIT_DENY ? " denies " : " does not let ")
                    + service + (assume == PolicyEvaluator.Decision.EXPLICIT_DENY ? "" : " assume it");
        }
        PolicyEvaluator.Decision act = PolicyEvaluator.identity(facts.policies(), new PolicyEvaluator.Request(action, resource, keys));
        return switch (act) {
            case ALLOW -> null;
            case EXPLICIT_DENY -> roleArn + " denies " + action + " on " + resource;
            case IMPLICIT_DENY -> roleArn + " is not allowed " + action + " on " + resource;
        };
    }

    @Override
    public synchronized AwsResponse handle(AwsCall call) {
        ObjectNode result = switch (call.operation()) {
            case "CreateRole" -> createRole(call);
            case "GetRole" -> Json.object().set("Role", view(role(call)));
            case "DeleteRole" -> deleteRole(call);
            case "ListRoles" -> listRoles(call);
            case "TagRole" -> tagRole(call);
            case "UntagRole" -> untagRole(call);
            case "ListRoleTags" -> listRoleTags(call);
            case "UpdateAssumeRolePolicy" -> {
                role(call).put("AssumeRolePolicyDocument", policyDocument(call, "PolicyDocument"));
                yield save();
            }
            case "AttachRolePolicy" -> attach(call);
            case "DetachRolePolicy" -> detach(call);
            case "ListAttachedRolePolicies" -> listAttached(call);
            case "PutRolePolicy" -> putRolePolicy(call);
            case "GetRolePolicy" -> getRolePolicy(call);
            case "DeleteRolePolicy" -> deleteRolePolicy(call);
            case "ListRolePolicies" -> listRolePolicies(call);
            default -> throw new AwsException(400, "InvalidAction", "The action " + call.operation() + " is not valid for the local cloud.");
        };
        return AwsResponse.query(call.operation(), result, call.requestId());
    }

    private ObjectNode roles() {
        return (ObjectNode) state.get("roles");
    }

    private ObjectNode save() {
        store.save("iam", state);
        return Json.object();
    }

    private static String roleName(AwsCall call) {
        String name = call.requiredParam("RoleName");
        if (!ROLE_NAME.matcher(name).matches()) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + name
                    + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64"
                    + " and match pattern [\\w+=,.@-]+");
        }
        return name;
    }

    private ObjectNode role(AwsCall call) {
        String name = roleName(call);
        JsonNode role = roles().get(name);
        if (role == null) {
            throw new AwsException(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
        }
        return (ObjectNode) role;
    }

    private static String policyDocument(AwsCall call, String param) {
        String doc = call.requiredParam(param);
        try {
            if (!Json.MAPPER.readTree(doc).isObject()) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw new AwsException(400, "MalformedPolicyDocument", "This policy contains invalid Json");
        }
        return doc;
    }

    private ObjectNode createRole(AwsCall call) {
        String name = roleName(call);
        String doc = policyDocument(call, "AssumeRolePolicyDocument");
        if (roles().has(name)) {
            throw new AwsException(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
        }
        String path = call.param("Path") == null ? "/" : call.param("Path");
        ObjectNode role = roles().putObject(name);
        role.put("Path", path).put("RoleName", name)
                .put("RoleId", "AROA" + UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase())
                .put("Arn", "arn:aws:iam::" + LocalAccount.ID + ":role" + path + name)
                .put("CreateDate", Clock.iso(System.currentTimeMillis()))
                .put("AssumeRolePolicyDocument", doc)
                .put("MaxSessionDuration", maxSessionDuration(call.param("MaxSessionDuration")));
        if (call.param("Description") != null) {
            role.put("Description", call.param("Description"));
        }
        role.set("Tags", tags(call.list("Tags.member"), Json.object()));
        role.putArray("attached");
        role.putObject("inline");
        save();
        return Json.object().set("Role", view(role));
    }

    private static int maxSessionDuration(String value) {
        if (value == null) {
            return 3600;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 3600 && seconds <= 43200) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + value
                + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200");
    }

    private static ObjectNode tags(List<Map<String, String>> items, ObjectNode into) {
        for (Map<String, String> t : items) {
            into.put(t.get("Key"), t.getOrDefault("Value", ""));
        }
        return into;
    }

    private static ObjectNode view(ObjectNode role) {
        ObjectNode v = Json.object();
        for (String f : List.of("Path", "RoleName", "RoleId", "Arn", "CreateDate", "Description", "MaxSessionDuration")) {
            if (role.has(f)) {
                v.set(f, role.get(f));
            }
        }
        v.put("AssumeRolePolicyDocument", URLEncoder.encode(role.get("AssumeRolePolicyDocument").asText(), StandardCharsets.UTF_8)
                .replace("+", "%20"));
        if (role.get("Tags").size() > 0) {
            v.set("Tags", tagList(role.get("Tags")));
        }
        return v;
    }

    private static ObjectNode tagList(JsonNode tags) {
        ArrayNode members = Json.array();
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
            var e = it.next();
            members.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText());
        }
        return (ObjectNode) Json.object().set("member", members);
    }

    private ObjectNode deleteRole(AwsCall call) {
        ObjectNode role = role(call);
        if (role.get("attached").size() > 0 || role.get("inline").size() > 0) {
            throw new AwsException(409, "DeleteConflict", "Cannot delete entity, must "
                    + (role.get("attached").size() > 0 ? "detach all policies" : "delete policies") + " first.");
        }
        roles().remove(role.get("RoleName").asText());
        return save();
    }

    private ObjectNode listRoles(AwsCall call) {
        List<ObjectNode> all = new ArrayList<>();
        String prefix = call.param("PathPrefix") == null ? "/" : call.param("PathPrefix");
        roles().forEach(r -> {
            if (r.get("Path").asText().startsWith(prefix)) {
                all.add((ObjectNode) r);
            }
        });
        all.sort((a, b) -> a.get("RoleName").asText().compareTo(b.get("RoleName").asText()));
        Page page = Page.of(all.size(), call.param("Marker"), call.param("MaxItems"), 100);
        ArrayNode members = Json.array();
        for (int i = page.from(); i < page.to(); i++) {
            ObjectNode v = view(all.get(i));
            v.remove("Tags");
            members.add(v);
        }
        ObjectNode out = Json.object();
        out.putObject("Roles").set("member", members);
        return page.finish(out);
    }

    private ObjectNode tagRole(AwsCall call) {
        ObjectNode role = role(call);
        tags(call.list("Tags.member"), (ObjectNode) role.get("Tags"));
        if (role.get("Tags").size() > 50) {
            throw new AwsException(409, "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50");
        }
        return save();
    }

    private ObjectNode untagRole(AwsCall call) {
        ObjectNode role = role(call);
        for (Map<String, String> k : call.list("TagKeys.member")) {
            ((ObjectNode) role.get("Tags")).remove(k.get(""));
        }
        return save();
    }

    private ObjectNode listRoleTags(AwsCall call) {
        ObjectNode out = Json.object();
        out.set("Tags", tagList(role(call).get("Tags")));
        out.put("IsTruncated", false);
        return out;
    }

    private static String policyArn(AwsCall call) {
        String arn = call.requiredParam("PolicyArn");
        if (!arn.startsWith("arn:aws:iam::")) {
            throw new AwsException(400, "InvalidInput", "ARN " + arn + " is not valid.");
        }
        return arn;
    }

    private ObjectNode attach(AwsCall call) {
        ObjectNode role = role(call);
        String arn = policyArn(call);
        ArrayNode attached = (ArrayNode) role.get("attached");
        for (JsonNode a : attached) {
            if (a.asText().equals(arn)) {
                return Json.object();
            }
        }
        attached.add(arn);
        return save();
    }

    private ObjectNode detach(AwsCall call) {
        ObjectNode role = role(call);
        String arn = policyArn(call);
        ArrayNode attached = (ArrayNode) role.get("attached");
        for (int i = 0; i < attached.size(); i++) {
            if (attached.get(i).asText().equals(arn)) {
                attached.remove(i);
                return save();
            }
        }
        throw new AwsException(404, "NoSuchEntity", "Policy " + arn + " was not found.");
    }

    private ObjectNode listAttached(AwsCall call) {
        ArrayNode members = Json.array();
        for (JsonNode a : role(call).get("attached")) {
            String arn = a.asText();
            members.addObject().put("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).put("PolicyArn", arn);
        }
        ObjectNode out = Json.object();
        out.putObject("AttachedPolicies").set("member", members);
        return out.put("IsTruncated", false);
    }

    private static String policyName(AwsCall call) {
        String name = call.requiredParam("PolicyName");
        if (!POLICY_NAME.matcher(name).matches()) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + name
                    + "' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        return name;
    }

    private ObjectNode putRolePolicy(AwsCall call) {
        ObjectNode role = role(call);
        ((ObjectNode) role.get("inline")).put(policyName(call), policyDocument(call, "PolicyDocument"));
        return save();
    }

    private ObjectNode getRolePolicy(AwsCall call) {
        ObjectNode role = role(call);
        String name = policyName(call);
        JsonNode doc = role.get("inline").get(name);
        if (doc == null) {
            throw new AwsException(404, "NoSuchEntity", "The role policy with name " + name + " cannot be found.");
        }
        return Json.object().put("RoleName", role.get("RoleName").asText()).put("PolicyName", name)
                .put("PolicyDocument", URLEncoder.encode(doc.asText(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private ObjectNode deleteRolePolicy(AwsCall call) {
        ObjectNode role = role(call);
        String name = policyName(call);
        if (((ObjectNode) role.get("inline")).remove(name) == null) {
            throw new AwsException(404, "NoSuchEntity", "The role policy with name " + name + " cannot be found.");
        }
        return save();
    }

    private ObjectNode listRolePolicies(AwsCall call) {
        ArrayNode names = Json.array();
        role(call).get("inline").fieldNames().forEachRemaining(names::add);
        ObjectNode out = Json.object();
        out.putObject("PolicyNames").set("member", names);
        return out.put("IsTruncated", false);
    }
}
