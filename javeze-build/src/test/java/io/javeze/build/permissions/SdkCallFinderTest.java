package io.javeze.build.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.build.PackageEntry;
import io.javeze.build.permissions.fixtures.Handler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Inference on compiled fixtures (fixtures/) that call DynamoDB, S3 and SQS through the real SDK v2 jars. */
class SdkCallFinderTest {
    private static final String FIXTURES = "io/javeze/build/permissions/fixtures/";
    private static final String PKG = "io.javeze.build.permissions.fixtures.";
    static Map<String, byte[]> classes;
    static List<PackageEntry> jars;
    static List<Path> jarFiles;

    @BeforeAll
    static void readFixturesAndSdkJars() throws Exception {
        Path root = Path.of(Handler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root.resolve(FIXTURES))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('\\', '/');
                classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(f));
            }
        }
        jarFiles = Stream.of(DynamoDbClient.class, S3Client.class, SqsClient.class).map(c -> {
            try {
                return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        jars = new java.util.ArrayList<>();
        for (Path jar : jarFiles) jars.add(new PackageEntry("lib/" + jar.getFileName(), Files.readAllBytes(jar), false));
    }

    /** The calls reachable from every method of the given fixture classes. */
    static List<AwsCall> callsFrom(String... roots) {
        Set<String> rootNames = Stream.of(roots).map(r -> FIXTURES + r).collect(java.util.stream.Collectors.toSet());
        return new SdkCallFinder(jars).find(classes, rootNames);
    }

    @Test
    void eachCallWithItsIamActionsAndCallSite() {
        assertThat(callsFrom("OrderStore", "Receipts")).containsExactly(
                new AwsCall("dynamodb:ConditionCheckItem", PKG + "OrderStore.both(OrderStore.java:29)"),
                new AwsCall("dynamodb:DeleteItem", PKG + "OrderStore.both(OrderStore.java:29)"),
                new AwsCall("dynamodb:GetItem", PKG + "OrderStore.get(OrderStore.java:17)"),
                new AwsCall("dynamodb:PutItem", PKG + "OrderStore.both(OrderStore.java:29)"),
                new AwsCall("dynamodb:PutItem", PKG + "OrderStore.put(OrderStore.java:21)"),
                new AwsCall("dynamodb:Query", PKG + "OrderStore.byCustomer(OrderStore.java:25)"),
                new AwsCall("dynamodb:UpdateItem", PKG + "OrderStore.both(OrderStore.java:29)"), // TransactWriteItems
                new AwsCall("s3:GetObject", PKG + "Receipts.exists(Receipts.java:23)"), // HeadObject
                new AwsCall("s3:GetObject", PKG + "Receipts.read(Receipts.java:27)"), // getObjectAsBytes, which calls getObject
                new AwsCall("s3:ListBucket", PKG + "Receipts.count(Receipts.java:19)"), // ListObjectsV2, through its paginator
                new AwsCall("s3:PutObject", PKG + "Receipts.save(Receipts.java:15)"));
    }

    @Test
    void aFunctionGetsOnlyTheCallsItsHandlerReachesNotEveryMethodOfTheClassesItUses() {
        assertThat(callsFrom("Handler")).containsExactly(
                new AwsCall("dynamodb:GetItem", PKG + "OrderStore.get(OrderStore.java:17)"),
                new AwsCall("s3:PutObject", PKG + "Receipts.save(Receipts.java:15)"));
    }

    @Test
    void callsThatLibraryCodeMakesForTheAppAreReachedToo() {
        assertThat(callsFrom("Callbacks$Entry")).containsExactly(
                new AwsCall("sqs:PurgeQueue", PKG + "Callbacks.lambda$start$1(Callbacks.java:10)"),
                new AwsCall("sqs:ReceiveMessage", PKG + "Callbacks$Drain.run(Callbacks.java:22)"));
    }

    @Test
    void sqsCallsSyncAndAsyncAndOnlyFromReachableClasses() {
        assertThat(callsFrom("Jobs")).containsExactly(
                new AwsCall("sqs:DeleteMessage", PKG + "Jobs.done(Jobs.java:14)"),
                new AwsCall("sqs:SendMessage", PKG + "Jobs.enqueue(Jobs.java:10)"), // SendMessageBatch
                new AwsCall("sqs:SendMessage", PKG + "Jobs.enqueue(Jobs.java:9)"));
        assertThat(callsFrom("Handler")).noneMatch(c -> c.service().equals("sqs"));
    }

    @Test
    void readingTheJarFilesFindsWhatScanningTheirBytesFinds() {
        Set<String> roots = Set.of(FIXTURES + "OrderStore", FIXTURES + "Receipts", FIXTURES + "Jobs");
        assertThat(new SdkCallFinder(jars, jarFiles).find(classes, roots)).isEqualTo(new SdkCallFinder(jars).find(classes, roots))
                .hasSize(14);
    }

    @Test
    void withoutTheSdkJarsNothingIsInferred() {
        assertThat(new SdkCallFinder(List.of()).find(classes, Set.of(FIXTURES + "Handler"))).isEmpty();
    }
}
