package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** DynamoDB through the real SDK v2 client over HTTP on loopback: tables, items, expressions, queries, pagination, restarts. */
class DynamoDbConformanceTest {
    @TempDir
    Path dir;
    CloudFixture fx;
    DynamoDbClient ddb;

    @BeforeEach
    void start() {
        open();
    }

    private void open() {
        fx = new CloudFixture(dir.resolve("cloud"));
        ddb = client(fx.endpoint());
    }

    @AfterEach
    void stop() {
        ddb.close();
        fx.close();
    }

    static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    /** orders: pk (S) + sk (N), a GSI byStatus on status (S) + sk. */
    private TableDescription createOrders() {
        return ddb.createTable(r -> r.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("state").attributeType(ScalarAttributeType.S).build())
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("byState")
                        .keySchema(k -> k.attributeName("state").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))).tableDescription();
    }

    @Test
    void tableLifecycle() {
        TableDescription created = createOrders();
        assertThat(created.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(created.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/orders");
        assertThat(created.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        ddb.waiter().waitUntilTableExists(r -> r.tableName("orders"));
        TableDescription described = ddb.describeTable(r -> r.tableName("orders")).table();
        assertThat(described.keySchema()).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
        assertThat(described.globalSecondaryIndexes()).singleElement().satisfies(g -> {
            assertThat(g.indexName()).isEqualTo("byState");
            assertThat(g.indexArn()).isEqualTo(created.tableArn() + "/index/byState");
        });
        ddb.createTable(r -> r.tableName("audit").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
        assertThat(ddb.listTables().tableNames()).containsExactly("audit", "orders");
        assertThat(ddb.listTables(r -> r.limit(1)).lastEvaluatedTableName()).isEqualTo("audit");

        assertThatThrownBy(this::createOrders).isInstanceOf(ResourceInUseException.class).hasMessageContaining("Table already exists: orders");
        assertThatThrownBy(() -> ddb.createTable(r -> r.tableName("bad").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(k -> k.attributeName("other").keyType(KeyType.HASH))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Some index key attributes are not defined in AttributeDefinitions");

        assertThat(ddb.deleteTable(r -> r.tableName("orders")).tableDescription().tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThatThrownBy(() -> ddb.describeTable(r -> r.tableName("orders"))).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Table: orders not found");
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("orders").key(Map.of("pk", s("a"), "sk", n(1)))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(ddb.listTables().tableNames()).containsExactly("audit");
    }

    @Test
    void putGetUpdateDeleteWithConditions() {
        createOrders();
        Map<String, AttributeValue> key = Map.of("pk", s("u1"), "sk", n(1));
        ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", s("u1"), "sk", n(1), "state", s("new"), "total", n(10),
                "lines", AttributeValue.fromL(List.of(s("apple")))))
                .conditionExpression("attribute_not_exists(pk)"));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", s("u1"), "sk", n(1)))
                .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class).hasMessageContaining("The conditional request failed");

        Map<String, AttributeValue> got = ddb.getItem(r -> r.tableName("orders").key(key)
                .projectionExpression("#s, total").expressionAttributeNames(Map.of("#s", "state"))).item();
        assertThat(got).containsOnlyKeys("state", "total").containsEntry("total", n(10));

        Map<String, AttributeValue> updated = ddb.updateItem(r -> r.tableName("orders").key(key)
                .updateExpression("SET #s = :paid, lines = list_append(lines, :more), note = if_not_exists(note, :none) "
                        + "ADD total :five, tags :tags REMOVE missing")
                .conditionExpression("#s = :new AND total BETWEEN :lo AND :hi")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":paid", s("paid"), ":new", s("new"), ":more", AttributeValue.fromL(List.of(s("pear"))),
                        ":none", s("-"), ":five", n(5), ":tags", AttributeValue.fromSs(List.of("gift")), ":lo", n(1), ":hi", n(100)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(updated).containsEntry("state", s("paid")).containsEntry("total", n(15)).containsEntry("note", s("-"))
                .containsEntry("lines", AttributeValue.fromL(List.of(s("apple"), s("pear"))))
                .containsEntry("tags", AttributeValue.fromSs(List.of("gift")));
        Map<String, AttributeValue> old = ddb.updateItem(r -> r.tableName("orders").key(key).updateExpression("SET total = total - :one")
                .expressionAttributeValues(Map.of(":one", n(1))).returnValues(ReturnValue.UPDATED_OLD)).attributes();
        assertThat(old).containsOnlyKeys("total").containsEntry("total", n(15));
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("orders").key(key).updateExpression("SET #s = :x")
                .conditionExpression("#s = :x").expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":x", s("shipped"))))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("orders").key(key).updateExpression("SET pk = :x")
                .expressionAttributeValues(Map.of(":x", s("other")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Cannot update attribute pk. This attribute is part of the key");
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("orders").key(key).updateExpression("SET total = :x")
                .expressionAttributeValues(Map.of(":x", n(1), ":unused", n(2)))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("unused in expressions: keys: {:unused}");
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("orders").key(key).updateExpression("SET total = = :x")
                .expressionAttributeValues(Map.of(":x", n(1)))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Invalid UpdateExpression: Syntax error; token: \"=\"");
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("orders").key(Map.of("pk", s("u1")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("The provided key element does not match the schema");

        // an update of a missing item creates it
        ddb.updateItem(r -> r.tableName("orders").key(Map.of("pk", s("u2"), "sk", n(7))).updateExpression("ADD visits :one")
                .expressionAttributeValues(Map.of(":one", n(1))));
        assertThat(ddb.getItem(r -> r.tableName("orders").key(Map.of("pk", s("u2"), "sk", n(7)))).item())
                .isEqualTo(Map.of("pk", s("u2"), "sk", n(7), "visits", n(1)));

        Map<String, AttributeValue> deleted = ddb.deleteItem(r -> r.tableName("orders").key(key).returnValues(ReturnValue.ALL_OLD)
                .conditionExpression("attribute_exists(pk)")).attributes();
        assertThat(deleted).containsEntry("state", s("paid"));
        assertThat(ddb.getItem(r -> r.tableName("orders").key(key)).hasItem()).isFalse();
        assertThatThrownBy(() -> ddb.deleteItem(r -> r.tableName("orders").key(key).conditionExpression("attribute_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void querySortKeyConditionsPaginationFilterAndIndex() {
        createOrders();
        for (int i = 1; i <= 10; i++) {
            int sk = i;
            ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", s("u1"), "sk", n(sk), "state", s(sk % 2 == 0 ? "paid" : "new"))));
        }
        ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", s("u2"), "sk", n(1))));

        assertThat(sks(query("pk = :p AND sk BETWEEN :a AND :b", Map.of(":a", n(3), ":b", n(5))))).containsExactly(3L, 4L, 5L);
        assertThat(sks(query("pk = :p AND sk < :a", Map.of(":a", n(3))))).containsExactly(1L, 2L);
        assertThat(sks(query("pk = :p AND sk <= :a", Map.of(":a", n(3))))).containsExactly(1L, 2L, 3L);
        assertThat(sks(query("pk = :p AND sk > :a", Map.of(":a", n(8))))).containsExactly(9L, 10L);
        assertThat(sks(query("pk = :p AND sk >= :a", Map.of(":a", n(9))))).containsExactly(9L, 10L);
        assertThat(sks(query("pk = :p AND sk = :a", Map.of(":a", n(10))))).containsExactly(10L);
        assertThat(sks(ddb.query(r -> r.tableName("orders").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("u1"))).scanIndexForward(false).limit(3)).items())).containsExactly(10L, 9L, 8L);

        List<Long> pages = new ArrayList<>();
        int pageCount = 0;
        for (QueryResponse page : ddb.queryPaginator(r -> r.tableName("orders").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("u1"))).limit(4))) {
            pageCount++;
            pages.addAll(sks(page.items()));
        }
        assertThat(pages).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(pageCount).isEqualTo(3);

        QueryResponse filtered = ddb.query(r -> r.tableName("orders").keyConditionExpression("pk = :p")
                .filterExpression("#s = :paid").expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":p", s("u1"), ":paid", s("paid"))));
        assertThat(filtered.count()).isEqualTo(5);
        assertThat(filtered.scannedCount()).isEqualTo(10);

        QueryResponse byState = ddb.query(r -> r.tableName("orders").indexName("byState").keyConditionExpression("#s = :new AND sk > :a")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":new", s("new"), ":a", n(4))).limit(2));
        assertThat(sks(byState.items())).containsExactly(5L, 7L);
        assertThat(byState.items().get(0)).containsOnlyKeys("pk", "sk", "state");
        assertThat(byState.lastEvaluatedKey()).containsOnlyKeys("pk", "sk", "state");
        assertThat(sks(ddb.query(r -> r.tableName("orders").indexName("byState").keyConditionExpression("#s = :new AND sk > :a")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":new", s("new"), ":a", n(4)))
                .exclusiveStartKey(byState.lastEvaluatedKey())).items())).containsExactly(9L);

        assertThatThrownBy(() -> query("sk = :a", Map.of(":a", n(1))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Query condition missed key schema element: pk");
        assertThatThrownBy(() -> query("pk = :p OR sk = :a", Map.of(":a", n(1))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Invalid operator used in KeyConditionExpression: OR");
    }

    @Test
    void beginsWithOnStringSortKeys() {
        ddb.createTable(r -> r.tableName("events").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        for (String sk : List.of("2026-01-02#b", "2026-01-01#a", "2025-12-31#z", "2026-02-01#c")) {
            ddb.putItem(r -> r.tableName("events").item(Map.of("pk", s("e"), "sk", s(sk))));
        }
        List<String> january = ddb.query(r -> r.tableName("events").keyConditionExpression("pk = :p AND begins_with(sk, :m)")
                .expressionAttributeValues(Map.of(":p", s("e"), ":m", s("2026-01")))).items().stream().map(i -> i.get("sk").s()).toList();
        assertThat(january).containsExactly("2026-01-01#a", "2026-01-02#b");
    }

    @Test
    void scanPaginatesAndBatchesWriteAndRead() {
        createOrders();
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(Map.of("pk", s("p" + (i % 5)), "sk", n(i), "state", s("new"))).build()).build());
        }
        assertThat(ddb.batchWriteItem(r -> r.requestItems(Map.of("orders", writes))).unprocessedItems()).isEmpty();
        List<Map<String, AttributeValue>> scanned = new ArrayList<>();
        ddb.scanPaginator(r -> r.tableName("orders").limit(7)).forEach(p -> scanned.addAll(p.items()));
        assertThat(scanned).hasSize(25);
        assertThat(scanned.stream().map(i -> i.get("sk").n()).distinct()).hasSize(25);
        assertThat(ddb.scan(r -> r.tableName("orders").filterExpression("sk >= :a").expressionAttributeValues(Map.of(":a", n(20)))).count())
                .isEqualTo(5);

        var got = ddb.batchGetItem(r -> r.requestItems(Map.of("orders", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes
                .builder().keys(Map.of("pk", s("p0"), "sk", n(0)), Map.of("pk", s("p1"), "sk", n(1)), Map.of("pk", s("p1"), "sk", n(99)))
                .build()))).responses().get("orders");
        assertThat(got).hasSize(2);
    }

    @Test
    void transactionsAreAllOrNothing() {
        createOrders();
        Map<String, AttributeValue> stock = Map.of("pk", s("stock"), "sk", n(1));
        ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", s("stock"), "sk", n(1), "left", n(1))));
        ddb.transactWriteItems(r -> r.transactItems(
                t -> t.update(u -> u.tableName("orders").key(stock).updateExpression("SET #l = #l - :one")
                        .conditionExpression("#l >= :one").expressionAttributeNames(Map.of("#l", "left"))
                        .expressionAttributeValues(Map.of(":one", n(1)))),
                t -> t.put(p -> p.tableName("orders").item(Map.of("pk", s("order"), "sk", n(1))).conditionExpression("attribute_not_exists(pk)"))));
        assertThat(ddb.getItem(r -> r.tableName("orders").key(stock)).item().get("left")).isEqualTo(n(0));

        var cancelled = org.assertj.core.api.Assertions.catchThrowableOfType(() -> ddb.transactWriteItems(r -> r.transactItems(
                t -> t.put(p -> p.tableName("orders").item(Map.of("pk", s("order"), "sk", n(2)))),
                t -> t.conditionCheck(c -> c.tableName("orders").key(stock).conditionExpression("#l >= :one")
                        .expressionAttributeNames(Map.of("#l", "left")).expressionAttributeValues(Map.of(":one", n(1)))
                        .returnValuesOnConditionCheckFailure("ALL_OLD")))),
                software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class);
        assertThat(cancelled.cancellationReasons()).extracting(r -> r.code()).containsExactly("None", "ConditionalCheckFailed");
        assertThat(cancelled.cancellationReasons().get(1).item()).containsEntry("left", n(0));
        assertThat(ddb.getItem(r -> r.tableName("orders").key(Map.of("pk", s("order"), "sk", n(2)))).hasItem())
                .as("the put of a cancelled transaction is not written").isFalse();
        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(
                t -> t.put(p -> p.tableName("orders").item(stock)), t -> t.delete(d -> d.tableName("orders").key(stock)))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("multiple operations on one item");

        var got = ddb.transactGetItems(r -> r.transactItems(t -> t.get(g -> g.tableName("orders").key(stock)),
                t -> t.get(g -> g.tableName("orders").key(Map.of("pk", s("none"), "sk", n(1)))))).responses();
        assertThat(got.get(0).item()).containsEntry("left", n(0));
        assertThat(got.get(1).hasItem()).isFalse();

        ConditionalCheckFailedException failed = org.assertj.core.api.Assertions.catchThrowableOfType(() -> ddb.putItem(r -> r
                .tableName("orders").item(stock).conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure("ALL_OLD")), ConditionalCheckFailedException.class);
        assertThat(failed.item()).containsEntry("left", n(0));
    }

    @Test
    void expressionGrammarAndDocumentPaths() {
        createOrders();
        Map<String, AttributeValue> key = Map.of("pk", s("doc"), "sk", n(1));
        ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", s("doc"), "sk", n(1), "name", s("alpha beta"),
                "tags", AttributeValue.fromSs(List.of("a", "b", "c")), "price", AttributeValue.fromN("1.50"),
                "address", AttributeValue.fromM(Map.of("city", s("Oslo"), "lines", AttributeValue.fromL(List.of(s("l0"), s("l1"))))))));
        assertThat(ddb.getItem(r -> r.tableName("orders").key(key)).item().get("price")).as("numbers are normalised").isEqualTo(AttributeValue.fromN("1.5"));
        ddb.updateItem(r -> r.tableName("orders").key(key)
                .updateExpression("SET address.city = :c, address.lines[1] = :l, address.lines[5] = :end REMOVE address.lines[0] DELETE tags :b")
                .conditionExpression("NOT contains(#n, :zeta) AND (size(tags) = :three OR price > :ten) AND contains(tags, :a) "
                        + "AND attribute_type(address, :m) AND address.city IN (:oslo, :bergen) AND begins_with(#n, :al)")
                .expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.ofEntries(Map.entry(":c", s("Bergen")), Map.entry(":l", s("L1")), Map.entry(":end", s("end")),
                        Map.entry(":b", AttributeValue.fromSs(List.of("b"))), Map.entry(":zeta", s("zeta")), Map.entry(":three", n(3)),
                        Map.entry(":ten", n(10)), Map.entry(":a", s("a")), Map.entry(":m", s("M")), Map.entry(":oslo", s("Oslo")),
                        Map.entry(":bergen", s("Bergen")), Map.entry(":al", s("al")))));
        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName("orders").key(key)
                .projectionExpression("address.city, address.lines, tags")).item();
        assertThat(item.get("address").m()).isEqualTo(Map.of("city", s("Bergen"), "lines", AttributeValue.fromL(List.of(s("L1"), s("end")))));
        assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("a", "c");
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("orders").key(key).updateExpression("SET a = :x, a.b = :x")
                .expressionAttributeValues(Map.of(":x", n(1))))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Two document paths overlap");
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("orders").key(key).updateExpression("SET total = total + :x")
                .expressionAttributeValues(Map.of(":x", n(1))))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The provided expression refers to an attribute that does not exist in the item");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("orders").item(key).conditionExpression("#zz = :x")
                .expressionAttributeValues(Map.of(":x", n(1))))).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("An expression attribute name used in the document path is not defined; attribute name: #zz");
    }

    @Test
    void timeToLiveAndTags() {
        String arn = createOrders().tableArn();
        ddb.updateTimeToLive(r -> r.tableName("orders").timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
        var ttl = ddb.describeTimeToLive(r -> r.tableName("orders")).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatusAsString()).isEqualTo("ENABLED");
        ddb.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("team").value("shop"), t -> t.key("env").value("dev")));
        ddb.untagResource(r -> r.resourceArn(arn).tagKeys("env"));
        assertThat(ddb.listTagsOfResource(r -> r.resourceArn(arn)).tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=shop");
    }

    @Test
    void itemsSurviveARestart() {
        createOrders();
        for (int i = 0; i < 20; i++) {
            int sk = i;
            ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", s("u"), "sk", n(sk), "state", s("new"))));
        }
        ddb.deleteItem(r -> r.tableName("orders").key(Map.of("pk", s("u"), "sk", n(3))));
        ddb.updateItem(r -> r.tableName("orders").key(Map.of("pk", s("u"), "sk", n(4))).updateExpression("SET #s = :p")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":p", s("paid"))));
        stop();
        open();
        assertThat(ddb.describeTable(r -> r.tableName("orders")).table().itemCount()).isEqualTo(19);
        assertThat(ddb.getItem(r -> r.tableName("orders").key(Map.of("pk", s("u"), "sk", n(4)))).item().get("state")).isEqualTo(s("paid"));
        assertThat(ddb.getItem(r -> r.tableName("orders").key(Map.of("pk", s("u"), "sk", n(3)))).hasItem()).isFalse();
        assertThat(ddb.query(r -> r.tableName("orders").indexName("byState").keyConditionExpression("#s = :p")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":p", s("paid")))).count()).isEqualTo(1);
    }

    private List<Map<String, AttributeValue>> query(String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        if (condition.contains(":p")) {
            all.put(":p", s("u1"));
        }
        return ddb.query(QueryRequest.builder().tableName("orders").keyConditionExpression(condition).expressionAttributeValues(all).build())
                .items();
    }

    private static List<Long> sks(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> Long.parseLong(i.get("sk").n())).toList();
    }
}
