package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The SDK's enhanced client, as Java applications use DynamoDB: the expressions it generates ({@code #AMZN_MAPPED_*}
 * placeholders, SET and REMOVE for null attributes), its table creation and its paginated queries.
 */
class DynamoDbEnhancedClientTest {
    @TempDir
    Path dir;

    /** An order line: pk + sk, a GSI on state. */
    public static final class Order {
        String customer;
        Integer seq;
        String state;
        Integer total;
        String note;

        static Order of(String customer, int seq, String state, int total) {
            Order o = new Order();
            o.customer = customer;
            o.seq = seq;
            o.state = state;
            o.total = total;
            return o;
        }
    }

    static final TableSchema<Order> SCHEMA = StaticTableSchema.builder(Order.class).newItemSupplier(Order::new)
            .addAttribute(String.class, a -> a.name("customer").getter(o -> o.customer).setter((o, v) -> o.customer = v).tags(primaryPartitionKey()))
            .addAttribute(Integer.class, a -> a.name("seq").getter(o -> o.seq).setter((o, v) -> o.seq = v).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("state").getter(o -> o.state).setter((o, v) -> o.state = v)
                    .tags(secondaryPartitionKey("byState")))
            .addAttribute(Integer.class, a -> a.name("total").getter(o -> o.total).setter((o, v) -> o.total = v))
            .addAttribute(String.class, a -> a.name("note").getter(o -> o.note).setter((o, v) -> o.note = v))
            .build();

    @Test
    void enhancedClientRoundTrips() {
        try (CloudFixture fx = new CloudFixture(dir.resolve("cloud")); DynamoDbClient ddb = DynamoDbConformanceTest.client(fx.endpoint())) {
            DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
            DynamoDbTable<Order> orders = enhanced.table("enhanced-orders", SCHEMA);
            orders.createTable(r -> r.globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder().indexName("byState")
                    .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
            for (int i = 1; i <= 6; i++) {
                Order o = Order.of("c1", i, i % 2 == 0 ? "paid" : "new", i * 10);
                o.note = "n" + i;
                orders.putItem(PutItemEnhancedRequest.builder(Order.class).item(o)
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(customer)").build()).build());
            }
            assertThatThrownBy(() -> orders.putItem(PutItemEnhancedRequest.builder(Order.class).item(Order.of("c1", 1, "new", 0))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(customer)").build()).build()))
                    .isInstanceOf(ConditionalCheckFailedException.class);

            Order changed = Order.of("c1", 2, "shipped", 25); // note is null: the update REMOVEs it
            Order after = orders.updateItem(changed);
            assertThat(after.state).isEqualTo("shipped");
            assertThat(after.note).isNull();
            assertThat(ddb.getItem(r -> r.tableName("enhanced-orders").key(Map.of("customer", AttributeValue.fromS("c1"),
                    "seq", AttributeValue.fromN("2")))).item()).doesNotContainKey("note");

            List<Integer> between = orders.query(r -> r.queryConditional(QueryConditional.sortBetween(
                    Key.builder().partitionValue("c1").sortValue(2).build(), Key.builder().partitionValue("c1").sortValue(5).build()))
                    .limit(2)).items().stream().map(o -> o.seq).toList();
            assertThat(between).containsExactly(2, 3, 4, 5);
            List<Integer> newest = orders.query(r -> r.queryConditional(QueryConditional.sortGreaterThan(
                    Key.builder().partitionValue("c1").sortValue(3).build())).scanIndexForward(false)).items().stream().map(o -> o.seq).toList();
            assertThat(newest).containsExactly(6, 5, 4);
            List<Integer> unpaid = orders.index("byState").query(r -> r.queryConditional(QueryConditional.keyEqualTo(
                    Key.builder().partitionValue("new").build()))).stream().flatMap(p -> p.items().stream()).map(o -> o.seq).toList();
            assertThat(unpaid).containsExactly(1, 3, 5);

            TransactionCanceledException cancelled = org.assertj.core.api.Assertions.catchThrowableOfType(() ->
                    enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                            .addDeleteItem(orders, Key.builder().partitionValue("c1").sortValue(1).build())
                            .addConditionCheck(orders, c -> c.key(Key.builder().partitionValue("c1").sortValue(6).build())
                                    .conditionExpression(Expression.builder().expression("#s = :s").putExpressionName("#s", "state")
                                            .putExpressionValue(":s", AttributeValue.fromS("new")).build()))
                            .build()), TransactionCanceledException.class);
            assertThat(cancelled.cancellationReasons()).extracting(r -> r.code()).containsExactly("None", "ConditionalCheckFailed");
            assertThat(orders.getItem(Key.builder().partitionValue("c1").sortValue(1).build())).isNotNull();

            orders.deleteItem(Key.builder().partitionValue("c1").sortValue(1).build());
            assertThat(orders.scan().items().stream().count()).isEqualTo(5);
        }
    }
}
