package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The IAM actions and resource ARNs an API call is authorized against, as AWS's Service Authorization Reference lists
 * them. The action is the service prefix (the SigV4 signing name of the service's model) and the operation name,
 * except where IAM names it otherwise ({@code s3:ListObjectsV2} is {@code s3:ListBucket}, {@code lambda:Invoke} is
 * {@code lambda:InvokeFunction}, batches are their single operation). A call that touches several resources (a
 * DynamoDB batch) is several requests, each of which must be allowed. Where the resource cannot be named it is {@code *}.
 */
public final class Actions {
    /** One action on one resource, with the condition keys this call adds (lower case). */
    public record Access(String action, String resource, Map<String, List<String>> context) {
        Access(String action, String resource) {
            this(action, resource, Map.of());
        }
    }

    private static final Map<String, String> S3 = Map.ofEntries(
            Map.entry("ListObjects", "ListBucket"), Map.entry("ListObjectsV2", "ListBucket"), Map.entry("HeadBucket", "ListBucket"),
            Map.entry("ListObjectVersions", "ListBucketVersions"), Map.entry("ListBuckets", "ListAllMyBuckets"),
            Map.entry("ListMultipartUploads", "ListBucketMultipartUploads"), Map.entry("ListParts", "ListMultipartUploadParts"),
            Map.entry("HeadObject", "GetObject"), Map.entry("GetObjectAttributes", "GetObject"),
            Map.entry("CreateMultipartUpload", "PutObject"), Map.entry("UploadPart", "PutObject"),
            Map.entry("UploadPartCopy", "PutObject"), Map.entry("CompleteMultipartUpload", "PutObject"),
            Map.entry("CopyObject", "PutObject"), Map.entry("DeleteObjects", "DeleteObject"),
            Map.entry("DeleteBucketTagging", "PutBucketTagging"), Map.entry("DeleteBucketCors", "PutBucketCORS"),
            Map.entry("GetBucketCors", "GetBucketCORS"), Map.entry("PutBucketCors", "PutBucketCORS"),
            Map.entry("GetBucketLifecycleConfiguration", "GetLifecycleConfiguration"),
            Map.entry("PutBucketLifecycleConfiguration", "PutLifecycleConfiguration"),
            Map.entry("DeleteBucketLifecycle", "PutLifecycleConfiguration"),
            Map.entry("GetBucketEncryption", "GetEncryptionConfiguration"), Map.entry("PutBucketEncryption", "PutEncryptionConfiguration"),
            Map.entry("DeleteBucketEncryption", "PutEncryptionConfiguration"),
            Map.entry("GetBucketNotificationConfiguration", "GetBucketNotification"),
            Map.entry("PutBucketNotificationConfiguration", "PutBucketNotification"),
            Map.entry("GetPublicAccessBlock", "GetBucketPublicAccessBlock"), Map.entry("PutPublicAccessBlock", "PutBucketPublicAccessBlock"),
            Map.entry("DeletePublicAccessBlock", "PutBucketPublicAccessBlock"),
            Map.entry("DeleteBucketOwnershipControls", "PutBucketOwnershipControls"));
    private static final Map<String, String> LAMBDA = Map.of("Invoke", "InvokeFunction", "InvokeAsync", "InvokeFunction",
            "GetLayerVersionByArn", "GetLayerVersion");
    private static final Map<String, String> BATCHES = Map.of("SendMessageBatch", "SendMessage",
            "DeleteMessageBatch", "DeleteMessage", "ChangeMessageVisibilityBatch", "ChangeMessageVisibility", "PublishBatch", "Publish");
    private static final Map<String, String> TRANSACT_ITEMS = Map.of("Get", "GetItem", "Put", "PutItem", "Update", "UpdateItem",
            "Delete", "DeleteItem", "ConditionCheck", "ConditionCheckItem");

    private Actions() {}

    /** What the call needs; empty when it needs no permission ({@code sts:GetCallerIdentity}). */
    public static List<Access> of(AwsCall call) {
        String op = call.operation();
        String region = call.region();
        String account = LocalAccount.ID;
        return switch (call.service()) {
            case "s3" -> s3(call);
            case "sns" -> List.of(new Access("sns:" + BATCHES.getOrDefault(op, op), sns(call, region, account)));
            case "sqs" -> List.of(new Access("sqs:" + BATCHES.getOrDefault(op, op), sqs(call, region, account)));
            case "lambda" -> List.of(new Access("lambda:" + LAMBDA.getOrDefault(op, op), lambda(call, region, account)));
            case "logs" -> List.of(new Access("logs:" + op, logs(call, region, account)));
            case "iam" -> List.of(new Access("iam:" + op, iam(call, account)));
            case "sts" -> op.equals("GetCallerIdentity") ? List.of()
                    : List.of(new Access("sts:" + op, call.param("RoleArn") != null ? call.param("RoleArn") : "*"));
            case "dynamodb" -> dynamodb(call, region, account);
            case "apigateway" -> List.of(new Access("apigateway:" + call.method(), "arn:aws:apigateway:" + region + "::" + call.rawPath()));
            default -> List.of(new Access(call.service() + ":" + op, "*"));
        };
    }

    private static List<Access> s3(AwsCall call) {
        String op = call.operation();
        String action = "s3:" + S3.getOrDefault(op, op);
        String bucket = call.path("Bucket");
        String key = call.path("Key");
        if (bucket == null) {
            return List.of(new Access(action, "*"));
        }
        if (op.equals("DeleteObjects")) {
            return List.of(new Access(action, "arn:aws:s3:::" + bucket + "/*"));
        }
        if (key == null) {
            Map<String, List<String>> context = call.query("prefix") != null ? Map.of("s3:prefix", List.of(call.query("prefix"))) : Map.of();
            return List.of(new Access(action, "arn:aws:s3:::" + bucket, context));
        }
        List<Access> out = new ArrayList<>();
        out.add(new Access(action, "arn:aws:s3:::" + bucket + "/" + key));
        String copySource = call.header("x-amz-copy-source");
        if (copySource != null && (op.equals("CopyObject") || op.equals("UploadPartCopy"))) {
            String source = java.net.URLDecoder.decode(copySource.startsWith("/") ? copySource.substring(1) : copySource,
                    java.nio.charset.StandardCharsets.UTF_8);
            int q = source.indexOf("?versionId=");
            out.add(new Access("s3:GetObject", "arn:aws:s3:::" + (q >= 0 ? source.substring(0, q) : source)));
        }
        return out;
    }

    private static String param(AwsCall call, String name) {
        return call.protocol() == Protocol.QUERY ? call.param(name) : call.jsonText(name);
    }

    private static String sns(AwsCall call, String region, String account) {
        String topic = call.param("TopicArn") != null ? call.param("TopicArn") : call.param("TargetArn");
        if (topic != null) {
            return topic;
        }
        if (call.param("Name") != null && call.operation().equals("CreateTopic")) {
            return "arn:aws:sns:" + region + ":" + account + ":" + call.param("Name");
        }
        String subscription = call.param("SubscriptionArn");
        if (subscription != null && subscription.lastIndexOf(':') > 0) {
            return subscription.substring(0, subscription.lastIndexOf(':')); // a subscription is authorized on its topic
        }
        return call.param("ResourceArn") != null ? call.param("ResourceArn") : "*";
    }

    private static String sqs(AwsCall call, String region, String account) {
        String url = param(call, "QueueUrl");
        String name = url != null ? url.substring(url.lastIndexOf('/') + 1) : param(call, "QueueName");
        if (name == null || name.isEmpty()) {
            return "arn:aws:sqs:" + region + ":" + account + ":*";
        }
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    private static String lambda(AwsCall call, String region, String account) {
        String function = call.path("FunctionName");
        if (function != null) {
            String arn = function.startsWith("arn:") ? function : "arn:aws:lambda:" + region + ":" + account + ":function:" + function;
            String qualifier = call.query("Qualifier");
            return qualifier != null && arn.split(":").length == 7 ? arn + ":" + qualifier : arn;
        }
        if (call.path("UUID") != null) {
            return "arn:aws:lambda:" + region + ":" + account + ":event-source-mapping:" + call.path("UUID");
        }
        if (call.path("LayerName") != null) {
            String layer = call.path("LayerName");
            String arn = layer.startsWith("arn:") ? layer : "arn:aws:lambda:" + region + ":" + account + ":layer:" + layer;
            return call.path("VersionNumber") != null ? arn + ":" + call.path("VersionNumber") : arn;
        }
        return call.path("ARN") != null ? call.path("ARN") : "*";
    }

    private static String logs(AwsCall call, String region, String account) {
        String group = call.jsonText("logGroupName");
        if (group == null) {
            String identifier = call.jsonText("logGroupIdentifier");
            if (identifier != null && identifier.startsWith("arn:")) {
                return identifier.endsWith(":*") ? identifier : identifier + ":*";
            }
            group = identifier;
        }
        if (group == null) {
            return call.jsonText("resourceArn") != null ? call.jsonText("resourceArn") : "*";
        }
        String arn = "arn:aws:logs:" + region + ":" + account + ":log-group:" + group;
        String stream = call.jsonText("logStreamName");
        return stream != null ? arn + ":log-stream:" + stream : arn + ":*";
    }

    private static String iam(AwsCall call, String account) {
        if (call.param("RoleName") != null) {
            return "arn:aws:iam::" + account + ":role/" + call.param("RoleName");
        }
        return call.param("PolicyArn") != null ? call.param("PolicyArn") : "*";
    }

    private static List<Access> dynamodb(AwsCall call, String region, String account) {
        String op = call.operation();
        String tables = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
        JsonNode in = call.json();
        List<Access> out = new ArrayList<>();
        if (in.path("RequestItems").isObject()) {
            in.get("RequestItems").fieldNames().forEachRemaining(t -> out.add(new Access("dynamodb:" + op, table(tables, t))));
        } else if (in.path("TransactItems").isArray()) {
            for (JsonNode item : in.get("TransactItems")) {
                item.fields().forEachRemaining(e -> out.add(new Access("dynamodb:" + TRANSACT_ITEMS.getOrDefault(e.getKey(), op),
                        table(tables, e.getValue().path("TableName").asText()))));
            }
        } else if (in.hasNonNull("TableName")) {
            String arn = table(tables, in.get("TableName").asText());
            out.add(new Access("dynamodb:" + op, in.hasNonNull("IndexName") ? arn + "/index/" + in.get("IndexName").asText() : arn));
        } else if (in.hasNonNull("ResourceArn")) {
            out.add(new Access("dynamodb:" + op, in.get("ResourceArn").asText()));
        } else {
            out.add(new Access("dynamodb:" + op, "*"));
        }
        return out;
    }

    private static String table(String prefix, String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : prefix + nameOrArn;
    }
}
