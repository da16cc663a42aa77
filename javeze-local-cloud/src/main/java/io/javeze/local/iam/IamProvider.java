package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.protocol.ShapeValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** IAM's operations on roles: tags, attached managed policies and inline policies. Roles live in {@link IamStore}. */
public final class IamProvider implements Provider {
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final int MAX_TAGS = 50;
    private final IamStore roles;

    public IamProvider(IamStore roles) {
        this.roles = roles;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        return switch (operation.name()) {
            case "CreateRole" -> createRole(in);
            case "GetRole" -> role(view(roles.role(roleName(in))));
            case "DeleteRole" -> {
                roles.delete(roleName(in));
                yield null;
            }
            case "ListRoles" -> listRoles(in);
            case "UpdateRole" -> {
                roles.update(roleName(in), r -> r.withSettings(in.path("Description").asText(r.description()),
                        maxSessionDuration(in, r.maxSessionDuration())));
                yield null;
            }
            case "UpdateRoleDescription" -> role(view(roles.update(roleName(in),
                    r -> r.withSettings(in.path("Description").asText(), r.maxSessionDuration()))));
            case "ListInstanceProfilesForRole" -> { // the local cloud has no instance profiles; tools ask before deleting
                ObjectNode out = Json.object();
                roles.role(roleName(in));
                out.putArray("InstanceProfiles");
                yield out.put("IsTruncated", false);
            }
            case "TagRole" -> {
                roles.update(roleName(in), r -> r.withTags(tagged(r.tags(), in.path("Tags"))));
                yield null;
            }
            case "UntagRole" -> {
                roles.update(roleName(in), r -> r.withTags(untagged(r.tags(), in.path("TagKeys"))));
                yield null;
            }
            case "ListRoleTags" -> tagList(roles.role(roleName(in)).tags()).put("IsTruncated", false);
            case "UpdateAssumeRolePolicy" -> {
                String doc = policyDocument(in.path("PolicyDocument").asText());
                roles.update(roleName(in), r -> r.withAssumeRolePolicy(doc));
                yield null;
            }
            case "AttachRolePolicy" -> {
                String arn = policyArn(in);
                roles.update(roleName(in), r -> r.attached().contains(arn) ? r : r.withAttached(plus(r.attached(), arn)));
                yield null;
            }
            case "DetachRolePolicy" -> {
                String arn = policyArn(in);
                roles.update(roleName(in), r -> {
                    if (!r.attached().contains(arn)) {
                        throw new AwsException(404, "NoSuchEntity", "Policy " + arn + " was not found.");
                    }
                    return r.withAttached(r.attached().stream().filter(a -> !a.equals(arn)).toList());
                });
                yield null;
            }
            case "ListAttachedRolePolicies" -> listAttached(roles.role(roleName(in)));
            case "PutRolePolicy" -> {
                String name = policyName(in);
                String doc = policyDocument(in.path("PolicyDocument").asText());
                roles.update(roleName(in), r -> r.withInline(with(r.inline(), name, doc)));
                yield null;
            }
            case "GetRolePolicy" -> getRolePolicy(roles.role(roleName(in)), policyName(in));
            case "DeleteRolePolicy" -> {
                String name = policyName(in);
                roles.update(roleName(in), r -> {
                    if (!r.inline().containsKey(name)) {
                        throw noSuchPolicy(name);
                    }
                    Map<String, String> inline = new LinkedHashMap<>(r.inline());
                    inline.remove(name);
                    return r.withInline(inline);
                });
                yield null;
            }
            case "ListRolePolicies" -> {
                ObjectNode out = Json.object();
                roles.role(roleName(in)).inline().keySet().forEach(out.putArray("PolicyNames")::add);
                yield out.put("IsTruncated", false);
            }
            default -> throw new AwsException(400, "InvalidAction", "The action " + operation.name() + " is not valid for the local cloud.");
        };
    }

    private static ObjectNode role(ObjectNode view) {
        return (ObjectNode) Json.object().set("Role", view);
    }

    private static String roleName(JsonNode in) {
        String name = in.path("RoleName").asText();
        if (!ROLE_NAME.matcher(name).matches()) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + name
                    + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64"
                    + " and match pattern [\\w+=,.@-]+");
        }
        return name;
    }

    private static String policyName(JsonNode in) {
        String name = in.path("PolicyName").asText();
        if (!POLICY_NAME.matcher(name).matches()) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + name
                    + "' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        return name;
    }

    private static String policyArn(JsonNode in) {
        String arn = in.path("PolicyArn").asText();
        if (!arn.startsWith("arn:aws:iam::")) {
            throw new AwsException(400, "InvalidInput", "ARN " + arn + " is not valid.");
        }
        return arn;
    }

    private static String policyDocument(String doc) {
        try {
            if (!Json.MAPPER.readTree(doc).isObject()) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw new AwsException(400, "MalformedPolicyDocument", "This policy contains invalid Json");
        }
        return doc;
    }

    private ObjectNode createRole(ObjectNode in) {
        String name = roleName(in);
        String doc = policyDocument(in.path("AssumeRolePolicyDocument").asText());
        String path = in.path("Path").asText("/");
        int maxSession = maxSessionDuration(in, 3600);
        Role role = new Role(name, path,
                "AROA" + UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase(Locale.ROOT),
                "arn:aws:iam::" + LocalAccount.ID + ":role" + path + name, Instant.now().truncatedTo(ChronoUnit.SECONDS), doc,
                in.path("Description").asText(null), maxSession, tagged(Map.of(), in.path("Tags")), List.of(), Map.of());
        roles.create(role);
        return role(view(role));
    }

    private static int maxSessionDuration(JsonNode in, int otherwise) {
        int seconds = in.path("MaxSessionDuration").asInt(otherwise);
        if (seconds < 3600 || seconds > 43200) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + seconds
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200");
        }
        return seconds;
    }

    private static Map<String, String> tagged(Map<String, String> tags, JsonNode add) {
        Map<String, String> out = new LinkedHashMap<>(tags);
        add.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText("")));
        if (out.size() > MAX_TAGS) {
            throw new AwsException(409, "LimitExceeded", "Cannot exceed quota for TagsPerRole: " + MAX_TAGS);
        }
        return out;
    }

    private static Map<String, String> untagged(Map<String, String> tags, JsonNode keys) {
        Map<String, String> out = new LinkedHashMap<>(tags);
        keys.forEach(k -> out.remove(k.asText()));
        return out;
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(map);
        out.put(key, value);
        return out;
    }

    /** IAM returns policy documents URL-encoded. */
    private static String encoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ObjectNode view(Role role) {
        ObjectNode v = Json.object().put("Path", role.path()).put("RoleName", role.name()).put("RoleId", role.roleId())
                .put("Arn", role.arn());
        v.set("CreateDate", ShapeValues.epochSeconds(role.createDate()));
        v.put("AssumeRolePolicyDocument", encoded(role.assumeRolePolicyDocument()));
        if (role.description() != null) {
            v.put("Description", role.description());
        }
        v.put("MaxSessionDuration", role.maxSessionDuration());
        if (!role.tags().isEmpty()) {
            v.set("Tags", tagList(role.tags()).get("Tags"));
        }
        return v;
    }

    private static ObjectNode tagList(Map<String, String> tags) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Tags");
        tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
        return out;
    }

    private ObjectNode listRoles(ObjectNode in) {
        String prefix = in.path("PathPrefix").asText("/");
        List<Role> matching = roles.all().stream().filter(r -> r.path().startsWith(prefix)).toList();
        Page page = Page.of(matching.size(), in, 100);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Roles");
        for (Role r : matching.subList(page.from(), page.to())) {
            ObjectNode v = view(r);
            v.remove("Tags"); // ListRoles leaves tags out, as AWS does
            list.add(v);
        }
        return page.finish(out);
    }

    private static ObjectNode listAttached(Role role) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("AttachedPolicies");
        role.attached().forEach(arn -> list.addObject().put("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).put("PolicyArn", arn));
        return out.put("IsTruncated", false);
    }

    private static ObjectNode getRolePolicy(Role role, String name) {
        String doc = role.inline().get(name);
        if (doc == null) {
            throw noSuchPolicy(name);
        }
        return Json.object().put("RoleName", role.name()).put("PolicyName", name).put("PolicyDocument", encoded(doc));
    }

    private static AwsException noSuchPolicy(String name) {
        return new AwsException(404, "NoSuchEntity", "The role policy with name " + name + " cannot be found.");
    }
}
