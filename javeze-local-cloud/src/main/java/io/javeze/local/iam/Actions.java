package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
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

    /**
     * What the call needs; empty when it needs no permission ({@code sts:GetCallerIdentity}).
     *
     * @param in the operation's parsed input (members by their model name)
     */
    public static List<Access> of(AwsCall call, JsonNode in) {
        String op = call.operation();
        String region = call.region();
        String account = LocalAccount.ID;
        return switch (call.service()) {
            case "s3" -> s3(op, in);
            case "sns" -> List.of(new Access("sns:" + BATCHES.getOrDefault(op, op), sns(op, in, region, account)));
            case "sqs" -> List.of(new Access("sqs:" + BATCHES.getOrDefault(op, op), sqs(in, region, account)));
            case "lambda" -> List.of(new Access("lambda:" + LAMBDA.getOrDefault(op, op), lambda(in, region, account)));
            case "logs" -> List.of(new Access("logs:" + op, logs(in, region, account)));
            case "iam" -> List.of(new Access("iam:" + op, iam(in, account)));
            case "sts" -> op.equals("GetCallerIdentity") ? List.of()
                    : List.of(new Access("sts:" + op, orElse(text(in, "RoleArn"), "*")));
            case "dynamodb" -> dynamodb(op, in, region, account);
            case "apigateway" -> List.of(new Access("apigateway:" + call.method(), "arn:aws:apigateway:" + region + "::" + call.rawPath()));
            default -> List.of(new Access(call.service() + ":" + op, "*"));
        };
    }

    private static List<Access> s3(String op, JsonNode in) {
        String action = "s3:" + S3.getOrDefault(op, op);
        String bucket = text(in, "Bucket");
        String key = text(in, "Key");
        if (bucket == null) {
            return List.of(new Access(action, "*"));
        }
        if (op.equals("DeleteObjects")) {
            return List.of(new Access(action, "arn:aws:s3:::" + bucket + "/*"));
        }
        if (key == null) {
            String prefix = text(in, "Prefix");
            Map<String, List<String>> context = prefix != null ? Map.of("s3:prefix", List.of(prefix)) : Map.of();
            return List.of(new Access(action, "arn:aws:s3:::" + bucket, context));
        }
        List<Access> out = new ArrayList<>();
        out.add(new Access(action, "arn:aws:s3:::" + bucket + "/" + key));
        String copySource = text(in, "CopySource");
        if (copySource != null && (op.equals("CopyObject") || op.equals("UploadPartCopy"))) {
            String source = java.net.URLDecoder.decode(copySource.startsWith("/") ? copySource.substring(1) : copySource,
                    java.nio.charset.StandardCharsets.UTF_8);
            int q = source.indexOf("?versionId=");
            out.add(new Access("s3:GetObject", "arn:aws:s3:::" + (q >= 0 ? source.substring(0, q) : source)));
        }
        return out;
    }

    private static String text(JsonNode in, String member) {
        JsonNode v = in.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String orElse(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    private static String sns(String op, JsonNode in, String region, String account) {
        String topic = orElse(text(in, "TopicArn"), text(in, "TargetArn"));
        if (topic != null) {
            return topic;
        }
        if (text(in, "Name") != null && op.equals("CreateTopic")) {
            return "arn:aws:sns:" + region + ":" + account + ":" + text(in, "Name");
        }
        String subscription = text(in, "SubscriptionArn");
        if (subscription != null && subscription.lastIndexOf(':') > 0) {
            return subscription.substring(0, subscription.lastIndexOf(':')); // a subscription is authorized on its topic
        }
        return orElse(text(in, "ResourceArn"), "*");
    }

    private static String sqs(JsonNode in, String region, String account) {
        String url = text(in, "QueueUrl");
        String name = url != null ? url.substring(url.lastIndexOf('/') + 1) : text(in, "QueueName");
        if (name == null || name.isEmpty()) {
            return "arn:aws:sqs:" + region + ":" + account + ":*";
        }
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    private static String lambda(JsonNode in, String region, String account) {
        String function = text(in, "FunctionName");
        if (function != null) {
            String arn = function.startsWith("arn:") ? function : "arn:aws:lambda:" + region + ":" + account + ":function:" + function;
            String qualifier = text(in, "Qualifier");
            return qualifier != null && arn.split(":").length == 7 ? arn + ":" + qualifier : arn;
        }
        if (text(in, "UUID") != null) {
            return "arn:aws:lambda:" + region + ":" + account + ":event-source-mapping:" + text(in, "UUID");
        }
        String layer = text(in, "LayerName");
        if (layer != null) {
            String arn = layer.startsWith("arn:") ? layer : "arn:aws:lambda:" + region + ":" + account + ":layer:" + layer;
            return text(in, "VersionNumber") != null ? arn + ":" + text(in, "VersionNumber") : arn;
        }
        return orElse(text(in, "Resource"), "*");
    }

    private static String logs(JsonNode in, String region, String account) {
        String group = text(in, "logGroupName");
        if (group == null) {
            String identifier = text(in, "logGroupIdentifier");
            if (identifier != null && identifier.startsWith("arn:")) {
                return identifier.endsWith(":*") ? identifier : identifier + ":*";
            }
            group = identifier;
        }
        if (group == null) {
            return orElse(text(in, "resourceArn"), "*");
        }
        String arn = "arn:aws:logs:" + region + ":" + account + ":log-group:" + group;
        String stream = text(in, "logStreamName");
        return stream != null ? arn + ":log-stream:" + stream : arn + ":*";
    }

    private static String iam(JsonNode in, String account) {
        if (text(in, "RoleName") != null) {
            return "arn:aws:iam::" + account + ":role/" + text(in, "RoleName");
        }
        return orElse(text(in, "PolicyArn"), "*");
    }

    private static List<Access> dynamodb(String op, JsonNode in, String region, String account) {
        String tables = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
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
