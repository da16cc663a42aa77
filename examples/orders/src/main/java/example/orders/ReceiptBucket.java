package example.orders;

import io.javeze.Resources;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The receipts bucket, through the AWS SDK; its name comes from the environment, as the table's does. */
final class ReceiptBucket {
    private static final S3Client S3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();

    private ReceiptBucket() {}

    static void put(String id, String text) {
        S3.putObject(b -> b.bucket(Resources.name("receipts")).key(id + ".txt").contentType("text/plain"), RequestBody.fromString(text));
    }

    static Optional<String> get(String id) {
        try {
            return Optional.of(S3.getObjectAsBytes(b -> b.bucket(Resources.name("receipts")).key(id + ".txt")).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
