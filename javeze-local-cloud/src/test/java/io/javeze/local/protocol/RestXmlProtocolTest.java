package io.javeze.local.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Json;
import io.javeze.local.http.OperationTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The generic rest-xml parser and serializer, on S3's own model. */
class RestXmlProtocolTest {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private final ServiceModel s3 = ServiceModel.of("s3");
    private final OperationTable.Routes routes = OperationTable.of(List.of("s3")).service("s3");
    private final RestXmlProtocol protocol = new RestXmlProtocol();

    @Test
    void greedyKeyAndRequiredMembersPickTheOperationSharingAUri() {
        var put = OperationTable.match(routes, "PUT", "/bkt/a/b%20c/d.txt", Map.of(), Map.of());
        assertThat(put.operation()).isEqualTo("PutObject");
        assertThat(put.pathParams()).containsEntry("Bucket", "bkt").containsEntry("Key", "a/b c/d.txt");
        assertThat(OperationTable.match(routes, "PUT", "/bkt/k", Map.of(), Map.of("x-amz-copy-source", List.of("src/k")))
                .operation()).isEqualTo("CopyObject");
        assertThat(OperationTable.match(routes, "PUT", "/bkt/k", query("partNumber", "1", "uploadId", "u"), Map.of())
                .operation()).isEqualTo("UploadPart");
        assertThat(OperationTable.match(routes, "GET", "/bkt/k", query("uploadId", "u"), Map.of()).operation()).isEqualTo("ListParts");
        assertThat(OperationTable.match(routes, "DELETE", "/bkt/k", query("uploadId", "u"), Map.of()).operation())
                .isEqualTo("AbortMultipartUpload");
        assertThat(OperationTable.match(routes, "GET", "/bkt/k", query("tagging", ""), Map.of()).operation())
                .isEqualTo("GetObjectTagging");
    }

    @Test
    void headersAreTypedAndMetadataHeadersBecomeAMapWhileTheBodyIsNotCopied() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("text/plain"));
        headers.put("content-length", List.of("5"));
        headers.put("expires", List.of("Wed, 21 Oct 2015 07:28:00 GMT"));
        headers.put("x-amz-meta-color", List.of("blue"));
        headers.put("x-amz-meta-size", List.of("L"));
        headers.put("x-amz-server-side-encryption-bucket-key-enabled", List.of("true"));
        ObjectNode in = protocol.parse(s3.operation("PutObject"), request(Map.of("Bucket", "bkt", "Key", "a/b.txt"), Map.of(),
                headers, body));

        assertThat(in.get("Key").asText()).isEqualTo("a/b.txt");
        assertThat(in.get("ContentType").asText()).isEqualTo("text/plain");
        assertThat(in.get("ContentLength").isIntegralNumber()).isTrue();
        assertThat(in.get("ContentLength").asLong()).isEqualTo(5);
        assertThat(in.get("Expires").asLong()).isEqualTo(1445412480L);
        assertThat(in.get("BucketKeyEnabled").isBoolean()).isTrue();
        assertThat(in.get("Metadata")).isEqualTo(Json.object().put("color", "blue").put("size", "L"));
        assertThat(ShapeValues.bytes(in.get("Body"))).isSameAs(body);
    }

    @Test
    void xmlPayloadsAreReadByTheirTraitsWithFlattenedLists() {
        String xml = "<CompleteMultipartUpload xmlns=\"" + NS + "\"><Part><ETag>\"e1\"</ETag><PartNumber>1</PartNumber></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>\"e2\"</ETag><Unknown>x</Unknown></Part></CompleteMultipartUpload>";
        ObjectNode in = protocol.parse(s3.operation("CompleteMultipartUpload"), request(Map.of("Bucket", "b", "Key", "k"),
                query("uploadId", "u1"), Map.of(), xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(in.get("UploadId").asText()).isEqualTo("u1");
        var parts = in.get("MultipartUpload").get("Parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(1).get("PartNumber").isInt()).isTrue();
        assertThat(parts.get(1).get("PartNumber").asInt()).isEqualTo(2);
        assertThat(parts.get(0).get("ETag").asText()).isEqualTo("\"e1\"");

        ObjectNode delete = protocol.parse(s3.operation("DeleteObjects"), request(Map.of("Bucket", "b"), query("delete", ""),
                Map.of(), "<Delete><Object><Key>a</Key></Object><Quiet>true</Quiet></Delete>".getBytes(StandardCharsets.UTF_8)));
        assertThat(delete.get("Delete").get("Objects").get(0).get("Key").asText()).isEqualTo("a");
        assertThat(delete.get("Delete").get("Quiet").booleanValue()).isTrue();

        ObjectNode tagging = protocol.parse(s3.operation("PutObjectTagging"), request(Map.of("Bucket", "b", "Key", "k"),
                query("tagging", ""), Map.of(), ("<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag>"
                        + "<Tag><Key>b</Key><Value>2</Value></Tag></TagSet></Tagging>").getBytes(StandardCharsets.UTF_8)));
        assertThat(tagging.get("Tagging").get("TagSet")).hasSize(2);
        assertThat(tagging.get("Tagging").get("TagSet").get(1).get("Value").asText()).isEqualTo("2");
    }

    @Test
    void badInputIsTheCallersErrorInS3sWords() {
        assertThatThrownBy(() -> protocol.parse(s3.operation("DeleteObjects"), request(Map.of("Bucket", "b"), Map.of(), Map.of(),
                "<Delete><Object>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object>"
                + "<Key>&x;</Key></Object></Delete>";
        assertThatThrownBy(() -> protocol.parse(s3.operation("DeleteObjects"), request(Map.of("Bucket", "b"), Map.of(), Map.of(),
                entity.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
        assertThatThrownBy(() -> protocol.parse(s3.operation("DeleteObjects"), request(Map.of("Bucket", "b"), Map.of(), Map.of(),
                new byte[0]))).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidRequest"));
        assertThatThrownBy(() -> protocol.parse(s3.operation("ListObjectsV2"), request(Map.of("Bucket", "b"),
                query("max-keys", "many"), Map.of(), new byte[0])))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
    }

    @Test
    void outputsAreOneXmlDocumentWithFlattenedListsTheNamespaceAndIsoTimestamps() throws Exception {
        ObjectNode out = Json.object().put("Name", "bkt").put("Prefix", "").put("KeyCount", 2).put("IsTruncated", false);
        ObjectNode item = out.putArray("Contents").addObject().put("Key", "a<&>.txt").put("Size", 3).put("ETag", "\"e\"");
        item.set("LastModified", ShapeValues.epochSeconds(java.time.Instant.parse("2025-01-02T03:04:05.678Z")));
        out.putArray("CommonPrefixes").addObject().put("Prefix", "dir/");
        AwsResponse response = protocol.serialize(s3, s3.operation("ListObjectsV2"), out, "req");

        assertThat(response.status()).isEqualTo(200);
        Element root = parse(response.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("ListBucketResult");
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        Element contents = child(root, "Contents");
        assertThat(child(contents, "Key").getTextContent()).isEqualTo("a<&>.txt");
        assertThat(child(contents, "LastModified").getTextContent()).isEqualTo("2025-01-02T03:04:05.678Z");
        assertThat(child(contents, "Size").getTextContent()).isEqualTo("3");
        assertThat(child(child(root, "CommonPrefixes"), "Prefix").getTextContent()).isEqualTo("dir/");
        assertThat(child(root, "IsTruncated").getTextContent()).isEqualTo("false");

        ObjectNode tags = Json.object();
        tags.putArray("TagSet").addObject().put("Key", "k").put("Value", "v");
        Element tagging = parse(protocol.serialize(s3, s3.operation("GetObjectTagging"), tags, "req").body()).getDocumentElement();
        assertThat(tagging.getTagName()).isEqualTo("Tagging");
        assertThat(child(child(child(tagging, "TagSet"), "Tag"), "Value").getTextContent()).isEqualTo("v");

        ObjectNode copy = Json.object();
        copy.putObject("CopyObjectResult").put("ETag", "\"e\"");
        assertThat(parse(protocol.serialize(s3, s3.operation("CopyObject"), copy, "req").body()).getDocumentElement().getTagName())
                .as("a structure payload is its own root").isEqualTo("CopyObjectResult");
    }

    @Test
    void headerMembersGoToHeadersAndAStreamedRangeIsPartialContent() {
        ObjectNode out = Json.object().put("ContentLength", 4).put("ETag", "\"e\"").put("ContentRange", "bytes 2-5/10")
                .put("ContentType", "text/plain");
        out.set("LastModified", ShapeValues.epochSeconds(java.time.Instant.parse("2015-10-21T07:28:00Z")));
        out.putObject("Metadata").put("color", "blue");
        out.set("Body", new BlobRegion(Path.of("/nonexistent/blob"), 2, 4).node());
        AwsResponse response = protocol.serialize(s3, s3.operation("GetObject"), out, "req");

        assertThat(response.status()).isEqualTo(206);
        assertThat(response.body()).as("the region is streamed, not loaded").isEmpty();
        assertThat(response.headers()).containsEntry("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT")
                .containsEntry("x-amz-meta-color", "blue").containsEntry("Content-Length", "4")
                .containsEntry("Content-Range", "bytes 2-5/10").containsEntry("Content-Type", "text/plain");

        assertThat(protocol.serialize(s3, s3.operation("DeleteObject"), null, "req").status()).as("the model's responseCode")
                .isEqualTo(204);
        assertThat(protocol.serialize(s3, s3.operation("PutObject"), Json.object().put("ETag", "\"e\""), "req").body())
                .as("only header members: no body").isEmpty();
    }

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], List.of(pairs[i + 1]));
        }
        return q;
    }

    private static WireRequest request(Map<String, String> path, Map<String, List<String>> query, Map<String, List<String>> headers,
                                       byte[] body) {
        return new WireRequest("PUT", "/", path, query, headers, Map.of(), body);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Element child(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }
}
