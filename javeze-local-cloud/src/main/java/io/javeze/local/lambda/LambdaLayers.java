package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lambda layers: versioned zips stored by content hash. */
final class LambdaLayers {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,140}");
    private static final Pattern VERSION_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:layer:([a-zA-Z0-9-_]+):(\\d+)");
    private final LambdaState state;
    private final LambdaService lambda;

    LambdaLayers(LambdaState state, LambdaService lambda) {
        this.state = state;
        this.lambda = lambda;
    }

    private String layerArn(String name) {
        return "arn:aws:lambda:" + state.region + ":" + LocalAccount.ID + ":layer:" + name;
    }

    AwsResponse handle(AwsCall call) {
        return switch (call.operation()) {
            case "PublishLayerVersion" -> AwsResponse.json(201, publish(call));
            case "GetLayerVersion" -> AwsResponse.json(version(call.path("LayerName"), call.path("VersionNumber")).deepCopy());
            case "GetLayerVersionByArn" -> {
                Matcher m = VERSION_ARN.matcher(String.valueOf(call.query("Arn")));
                if (!m.matches()) {
                    throw AwsException.validation("1 validation error detected: Value at 'arn' failed to satisfy constraint: Member must be a layer version ARN");
                }
                yield AwsResponse.json(version(m.group(1), m.group(2)).deepCopy());
            }
            case "ListLayerVersions" -> {
                ArrayNode list = Json.array();
                JsonNode layer = state.layers().get(name(call.path("LayerName")));
                if (layer != null) {
                    layer.get("versions").forEach(v -> list.insert(0, listItem(v)));
                }
                yield AwsResponse.json(Json.object().set("LayerVersions", list));
            }
            case "ListLayers" -> {
                ArrayNode list = Json.array();
                state.layers().fields().forEachRemaining(e -> {
                    JsonNode versions = e.getValue().get("versions");
                    JsonNode latest = null;
                    for (JsonNode v : versions) {
                        latest = v;
                    }
                    if (latest != null) {
                        list.addObject().put("LayerName", e.getKey()).put("LayerArn", layerArn(e.getKey()))
                                .set("LatestMatchingVersion", listItem(latest));
                    }
                });
                yield AwsResponse.json(Json.object().set("Layers", list));
            }
            case "DeleteLayerVersion" -> {
                JsonNode layer = state.layers().get(name(call.path("LayerName")));
                if (layer != null) {
                    ((ObjectNode) layer.get("versions")).remove(call.path("VersionNumber"));
                    state.save();
                }
                yield AwsResponse.empty(204);
            }
            default -> throw new AwsException(400, "InvalidParameterValueException", "Unsupported " + call.operation());
        };
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at 'layerName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and length <= 140");
        }
        return name;
    }

    private static ObjectNode listItem(JsonNode v) {
        ObjectNode item = ((ObjectNode) v).deepCopy();
        item.remove(java.util.List.of("Content", "blob"));
        return item;
    }

    private ObjectNode publish(AwsCall call) {
        String name = name(call.path("LayerName"));
        JsonNode content = call.json().path("Content");
        byte[] zip;
        if (content.hasNonNull("ZipFile")) {
            zip = CodeArchive.decodeBase64(content.get("ZipFile").asText());
        } else {
            throw AwsException.invalidParameter("Please provide a source for layer content (ZipFile).");
        }
        CodeArchive.validate(zip);
        String hex = state.store.putBlob(zip);
        ObjectNode layer = state.layers().has(name) ? (ObjectNode) state.layers().get(name) : state.layers().putObject(name);
        if (!layer.has("versions")) {
            layer.putObject("versions");
            layer.put("next", 1);
        }
        int number = layer.get("next").asInt();
        layer.put("next", number + 1);
        ObjectNode v = ((ObjectNode) layer.get("versions")).putObject(Integer.toString(number));
        v.putObject("Content").put("Location", "/_code/" + hex)
                .put("CodeSha256", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex))).put("CodeSize", zip.length);
        v.put("LayerArn", layerArn(name)).put("LayerVersionArn", layerArn(name) + ":" + number)
                .put("Description", call.json().path("Description").asText(""))
                .put("CreatedDate", Clock.lambda(System.currentTimeMillis())).put("Version", number);
        for (String list : new String[] {"CompatibleRuntimes", "CompatibleArchitectures"}) {
            if (call.json().has(list)) {
                v.set(list, call.json().get(list).deepCopy());
            }
        }
        if (call.json().hasNonNull("LicenseInfo")) {
            v.put("LicenseInfo", call.json().get("LicenseInfo").asText());
        }
        v.put("blob", hex);
        state.save();
        ObjectNode out = v.deepCopy();
        out.remove("blob");
        return out;
    }

    private ObjectNode version(String layerName, String number) {
        JsonNode layer = state.layers().get(name(layerName));
        JsonNode v = layer == null ? null : layer.get("versions").get(number);
        if (v == null) {
            throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
        }
        ObjectNode out = (ObjectNode) v.deepCopy();
        out.remove("blob");
        return out;
    }

    /** Code size of a layer version ARN; unknown layers are Lambda's InvalidParameterValueException. */
    long codeSize(String versionArn) {
        return blobVersion(versionArn).get("Content").get("CodeSize").asLong();
    }

    JsonNode blobVersion(String versionArn) {
        Matcher m = VERSION_ARN.matcher(versionArn);
        JsonNode layer = m.matches() ? state.layers().get(m.group(1)) : null;
        JsonNode v = layer == null ? null : layer.get("versions").get(m.group(2));
        if (v == null) {
            throw AwsException.invalidParameter("Layer version " + versionArn + " does not exist.");
        }
        return v;
    }
}
