package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lambda layers' operations: versioned zips stored by content hash. */
final class LambdaLayers {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,140}");
    static final Pattern VERSION_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:layer:([a-zA-Z0-9-_]+):(\\d+)");
    private final LambdaStore store;

    LambdaLayers(LambdaStore store) {
        this.store = store;
    }

    private String layerArn(String name) {
        return "arn:aws:lambda:" + store.region() + ":" + LocalAccount.ID + ":layer:" + name;
    }

    ObjectNode call(String operation, ObjectNode in) {
        return switch (operation) {
            case "PublishLayerVersion" -> publish(in);
            case "GetLayerVersion" -> version(in.path("LayerName").asText(null), in.path("VersionNumber").asText()).description().deepCopy();
            case "GetLayerVersionByArn" -> {
                Matcher m = VERSION_ARN.matcher(in.path("Arn").asText(""));
                if (!m.matches()) {
                    throw AwsException.validation("1 validation error detected: Value at 'arn' failed to satisfy constraint: Member must be a layer version ARN");
                }
                yield version(m.group(1), m.group(2)).description().deepCopy();
            }
            case "ListLayerVersions" -> {
                ArrayNode list = Json.array();
                LayerRecord layer = store.layer(name(in.path("LayerName").asText(null)));
                if (layer != null) {
                    layer.versions().descendingMap().values().forEach(v -> list.add(listItem(v)));
                }
                yield (ObjectNode) Json.object().set("LayerVersions", list);
            }
            case "ListLayers" -> {
                ArrayNode list = Json.array();
                for (LayerRecord layer : store.layers()) {
                    if (!layer.versions().isEmpty()) {
                        list.addObject().put("LayerName", layer.name()).put("LayerArn", layerArn(layer.name()))
                                .set("LatestMatchingVersion", listItem(layer.versions().lastEntry().getValue()));
                    }
                }
                yield (ObjectNode) Json.object().set("Layers", list);
            }
            case "DeleteLayerVersion" -> {
                store.deleteLayerVersion(name(in.path("LayerName").asText(null)), in.path("VersionNumber").asInt());
                yield null;
            }
            default -> throw new AwsException(400, "InvalidParameterValueException", "Unsupported " + operation);
        };
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at 'layerName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and length <= 140");
        }
        return name;
    }

    /** A {@code LayerVersionsListItem}: the version's description without its content. */
    private static ObjectNode listItem(LayerRecord.Version v) {
        ObjectNode item = v.description().deepCopy();
        item.remove("Content");
        return item;
    }

    private ObjectNode publish(ObjectNode in) {
        String name = name(in.path("LayerName").asText(null));
        JsonNode content = in.path("Content");
        if (!content.hasNonNull("ZipFile")) {
            throw AwsException.invalidParameter("Please provide a source for layer content (ZipFile).");
        }
        byte[] zip = CodeArchive.bytes(content.get("ZipFile"));
        CodeArchive.validate(zip);
        String hex = store.putBlob(zip);
        LayerRecord.Version published = store.publishLayerVersion(name, number -> {
            ObjectNode v = Json.object();
            v.putObject("Content").put("Location", "/_code/" + hex)
                    .put("CodeSha256", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex))).put("CodeSize", zip.length);
            v.put("LayerArn", layerArn(name)).put("LayerVersionArn", layerArn(name) + ":" + number)
                    .put("Description", in.path("Description").asText(""))
                    .put("CreatedDate", Clock.lambda(System.currentTimeMillis())).put("Version", number);
            for (String list : new String[] {"CompatibleRuntimes", "CompatibleArchitectures"}) {
                if (in.has(list)) {
                    v.set(list, in.get(list).deepCopy());
                }
            }
            if (in.hasNonNull("LicenseInfo")) {
                v.put("LicenseInfo", in.get("LicenseInfo").asText());
            }
            return new LayerRecord.Version(number, v, hex);
        });
        return published.description().deepCopy();
    }

    private LayerRecord.Version version(String layerName, String number) {
        LayerRecord layer = store.layer(name(layerName));
        LayerRecord.Version v = null;
        if (layer != null && number.matches("\\d{1,9}")) {
            v = layer.versions().get(Integer.parseInt(number));
        }
        if (v == null) {
            throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
        }
        return v;
    }

    /** A layer version by its ARN; an unknown one is Lambda's InvalidParameterValueException. */
    static LayerRecord.Version version(LambdaStore store, String versionArn) {
        Matcher m = VERSION_ARN.matcher(versionArn);
        LayerRecord layer = m.matches() ? store.layer(m.group(1)) : null;
        LayerRecord.Version v = layer == null || !m.group(2).matches("\\d{1,9}") ? null : layer.versions().get(Integer.parseInt(m.group(2)));
        if (v == null) {
            throw AwsException.invalidParameter("Layer version " + versionArn + " does not exist.");
        }
        return v;
    }
}
