package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS's rest-xml protocol (S3), driven by the model's traits. Input members come from URI labels (greedy
 * {@code {Key+}} included), the query string, headers (timestamps in RFC 822) and {@code headers} prefix maps
 * ({@code x-amz-meta-}); the {@code payload} member is the whole body (a blob, kept as the request's own bytes) or an
 * XML structure. Output members go to the status code, headers and the body: a payload member (a blob, possibly a
 * {@link BlobRegion} streamed from disk, or a structure) or else the body members in one XML document.
 */
public final class RestXmlProtocol implements WireProtocol {
    /**
     * The root element names of output structures that the Smithy models give with {@code @xmlName} and botocore's
     * JSON models (ours) drop; an output shape not named here and without a {@code locationName} is its own root.
     */
    private static final Map<String, String> ROOT_NAMES = Map.ofEntries(
            Map.entry("ListBucketsOutput", "ListAllMyBucketsResult"), Map.entry("ListObjectsOutput", "ListBucketResult"),
            Map.entry("ListObjectsV2Output", "ListBucketResult"), Map.entry("ListObjectVersionsOutput", "ListVersionsResult"),
            Map.entry("CreateMultipartUploadOutput", "InitiateMultipartUploadResult"),
            Map.entry("CompleteMultipartUploadOutput", "CompleteMultipartUploadResult"),
            Map.entry("ListMultipartUploadsOutput", "ListMultipartUploadsResult"), Map.entry("ListPartsOutput", "ListPartsResult"),
            Map.entry("DeleteObjectsOutput", "DeleteResult"), Map.entry("GetObjectTaggingOutput", "Tagging"),
            Map.entry("GetBucketTaggingOutput", "Tagging"), Map.entry("GetBucketLocationOutput", "LocationConstraint"),
            Map.entry("GetBucketVersioningOutput", "VersioningConfiguration"), Map.entry("GetObjectAttributesOutput", "GetObjectAttributesResponse"));
    private final Map<ServiceModel, String> namespaces = new ConcurrentHashMap<>();

    @Override
    public ObjectNode parse(ServiceModel.Operation operation, WireRequest request) {
        try {
            return read(operation, request);
        } catch (AwsException e) {
            if (e.code().equals("ValidationException")) { // a value not of its member's type: S3 calls that InvalidArgument
                throw new AwsException(400, "InvalidArgument", e.getMessage());
            }
            throw e;
        }
    }

    private static ObjectNode read(ServiceModel.Operation operation, WireRequest request) {
        ObjectNode in = Json.object();
        Shape input = operation.input();
        if (input == null) {
            return in;
        }
        for (Shape.Member m : input.members().values()) {
            JsonNode v = switch (m.location() == null ? "body" : m.location()) {
                case "uri" -> scalar(m, request.pathParams().get(m.wireName()), null);
                case "querystring" -> query(m, request.query());
                case "header" -> header(m, request);
                case "headers" -> prefixed(m, request.headers());
                default -> m.name().equals(input.payload()) ? payload(m, request.body()) : null;
            };
            if (v != null) {
                in.set(m.name(), v);
            }
        }
        RequiredMembers.check(input, in, "InvalidRequest");
        return in;
    }

    private static JsonNode scalar(Shape.Member m, String text, String defaultFormat) {
        if (text == null) {
            return null;
        }
        return ShapeValues.fromText(m.shape(), text, m.name(), m.timestampFormat() == null ? defaultFormat : m.timestampFormat());
    }

    private static JsonNode query(Shape.Member m, Map<String, List<String>> query) {
        if (m.shape().type().equals("map")) { // every parameter no other member names
            ObjectNode map = Json.object();
            query.forEach((k, v) -> map.put(k, v.get(0)));
            return map;
        }
        List<String> values = query.get(m.wireName());
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (m.shape().type().equals("list")) {
            ArrayNode list = Json.array();
            values.forEach(v -> list.add(scalar(m.shape().listMember(), v, "iso8601")));
            return list;
        }
        return scalar(m, values.get(0), "iso8601");
    }

    private static JsonNode header(Shape.Member m, WireRequest request) {
        List<String> values = request.headers().get(m.wireName().toLowerCase(Locale.ROOT));
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (m.shape().type().equals("list")) {
            ArrayNode list = Json.array();
            for (String v : values) {
                for (String item : v.split(",")) {
                    list.add(scalar(m.shape().listMember(), item.trim(), "rfc822"));
                }
            }
            return list;
        }
        if (m.jsonValue()) {
            return TextNode.valueOf(new String(java.util.Base64.getDecoder().decode(values.get(0).trim()), StandardCharsets.UTF_8));
        }
        return scalar(m, values.get(0), "rfc822");
    }

    /** A {@code headers} map: every header starting with the member's prefix, by the rest of its (lower-case) name. */
    private static JsonNode prefixed(Shape.Member m, Map<String, List<String>> headers) {
        String prefix = m.wireName().toLowerCase(Locale.ROOT);
        ObjectNode map = Json.object();
        headers.forEach((name, values) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length() && !values.isEmpty()) {
                map.put(name.substring(prefix.length()), String.join(",", values));
            }
        });
        return map.isEmpty() ? null : map;
    }

    /** The body as the payload member: a blob keeps the request's array (no copy), a structure is parsed by its traits. */
    private static JsonNode payload(Shape.Member m, byte[] body) {
        return switch (m.shape().type()) {
            case "blob" -> BinaryNode.valueOf(body);
            case "string" -> TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
            default -> body.length == 0 ? null : XmlShapes.read(body, m.shape());
        };
    }

    @Override
    public AwsResponse serialize(ServiceModel model, ServiceModel.Operation operation, ObjectNode output, String requestId) {
        Shape shape = operation.output();
        int status = operation.responseCode();
        if (shape == null || output == null) {
            return AwsResponse.empty(status);
        }
        List<String[]> headers = new ArrayList<>();
        for (Shape.Member m : shape.members().values()) {
            JsonNode v = output.get(m.name());
            if (v == null || v.isNull() || m.location() == null) {
                continue;
            }
            switch (m.location()) {
                case "statusCode" -> status = v.asInt();
                case "header" -> headers.add(new String[] {m.wireName(), headerText(m, v)});
                case "headers" -> v.fields().forEachRemaining(e -> headers.add(new String[] {m.wireName() + e.getKey(), e.getValue().asText()}));
                default -> { } // uri and querystring members do not occur in outputs
            }
        }
        if (status == 200 && shape.payload() != null && headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Range"))) {
            status = 206; // a blob payload with a Content-Range is one range of it: Partial Content (RFC 9110)
        }
        AwsResponse response = body(model, shape, output, status);
        headers.forEach(h -> response.header(h[0], h[1]));
        return response;
    }

    private static String headerText(Shape.Member m, JsonNode v) {
        if (m.shape().type().equals("list")) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(ShapeValues.toText(m.shape().listMember().shape(), item, "rfc822")));
            return String.join(",", items);
        }
        return ShapeValues.toText(m.shape(), v, m.timestampFormat() == null ? "rfc822" : m.timestampFormat());
    }

    private AwsResponse body(ServiceModel model, Shape shape, ObjectNode output, int status) {
        String payload = shape.payload();
        if (payload != null) {
            Shape.Member m = shape.member(payload);
            JsonNode v = output.get(payload);
            if (v == null || v.isNull()) {
                return AwsResponse.empty(status);
            }
            BlobRegion region = BlobRegion.of(v);
            if (region != null) {
                return AwsResponse.file(status, region.file(), region.offset(), region.length(), null);
            }
            return switch (m.shape().type()) {
                case "blob" -> AwsResponse.bytes(status, ShapeValues.bytes(v), null);
                case "string" -> AwsResponse.bytes(status, v.asText().getBytes(StandardCharsets.UTF_8), null);
                default -> xml(status, XmlShapes.write(Shape.text(m.traits(), "locationName") != null ? m.wireName() : m.shape().name(),
                        namespace(model, m.shape()), m.shape(), v));
            };
        }
        if (!hasBodyMembers(shape, output)) {
            return AwsResponse.empty(status);
        }
        String root = shape.locationName() != null ? shape.locationName() : ROOT_NAMES.getOrDefault(shape.name(), shape.name());
        return xml(status, XmlShapes.write(root, namespace(model, shape), shape, output));
    }

    private static boolean hasBodyMembers(Shape shape, ObjectNode output) {
        for (Iterator<String> it = output.fieldNames(); it.hasNext(); ) {
            Shape.Member m = shape.member(it.next());
            if (m != null && m.location() == null) {
                return true;
            }
        }
        return false;
    }

    private static AwsResponse xml(int status, byte[] document) {
        return AwsResponse.bytes(status, document, "application/xml");
    }

    /**
     * The root element's namespace: the shape's {@code xmlNamespace}, else the service's ({@code metadata.xmlNamespace},
     * else the one its request payloads declare, as S3's model does).
     */
    private String namespace(ServiceModel model, Shape shape) {
        if (shape.xmlNamespace() != null) {
            return shape.xmlNamespace();
        }
        String ns = namespaces.computeIfAbsent(model, RestXmlProtocol::serviceNamespace);
        return ns.isEmpty() ? null : ns;
    }

    private static String serviceNamespace(ServiceModel model) {
        if (model.xmlNamespace() != null) {
            return model.xmlNamespace();
        }
        for (ServiceModel.Operation op : model.operations().values()) {
            if (op.input() != null && op.input().payload() != null) {
                String uri = Shape.text(op.input().member(op.input().payload()).traits().path("xmlNamespace"), "uri");
                if (uri != null) {
                    return uri;
                }
            }
        }
        return "";
    }
}
