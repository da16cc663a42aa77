package io.javeze.build.permissions;

import java.util.List;
import java.util.Map;

/**
 * The IAM actions an SDK operation needs: {@code signingName:OperationName}, which is right for almost every
 * operation, except the few below where AWS authorizes an operation with other actions. Neither the SDK jars nor
 * the API models carry this (it is in AWS's Service Authorization Reference only), so this is the one hand-kept list.
 */
final class IamActions {
    private static final Map<String, List<String>> EXCEPTIONS = Map.ofEntries(
            Map.entry("s3:ListObjects", List.of("s3:ListBucket")),
            Map.entry("s3:ListObjectsV2", List.of("s3:ListBucket")),
            Map.entry("s3:ListObjectVersions", List.of("s3:ListBucketVersions")),
            Map.entry("s3:HeadBucket", List.of("s3:ListBucket")),
            Map.entry("s3:HeadObject", List.of("s3:GetObject")),
            Map.entry("s3:DeleteObjects", List.of("s3:DeleteObject")),
            Map.entry("s3:CopyObject", List.of("s3:GetObject", "s3:PutObject")),
            Map.entry("s3:CreateMultipartUpload", List.of("s3:PutObject")),
            Map.entry("s3:UploadPart", List.of("s3:PutObject")),
            Map.entry("s3:UploadPartCopy", List.of("s3:GetObject", "s3:PutObject")),
            Map.entry("s3:CompleteMultipartUpload", List.of("s3:PutObject")),
            Map.entry("s3:ListParts", List.of("s3:ListMultipartUploadParts")),
            Map.entry("s3:ListMultipartUploads", List.of("s3:ListBucketMultipartUploads")),
            Map.entry("sqs:SendMessageBatch", List.of("sqs:SendMessage")),
            Map.entry("sqs:DeleteMessageBatch", List.of("sqs:DeleteMessage")),
            Map.entry("sqs:ChangeMessageVisibilityBatch", List.of("sqs:ChangeMessageVisibility")),
            Map.entry("sns:PublishBatch", List.of("sns:Publish")),
            Map.entry("dynamodb:TransactGetItems", List.of("dynamodb:GetItem")),
            Map.entry("dynamodb:TransactWriteItems",
                    List.of("dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem")),
            Map.entry("dynamodb:ExecuteStatement",
                    List.of("dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLSelect", "dynamodb:PartiQLUpdate")));

    private IamActions() {}

    static List<String> of(String signingName, String operation) {
        String action = signingName + ":" + operation;
        return EXCEPTIONS.getOrDefault(action, List.of(action));
    }
}
