package example.orders;

import io.javeze.Resources;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The orders table, through the AWS SDK. Its name comes from the environment (deploy sets it from javeze.toml's
 * [resources]); region, credentials and endpoint from Lambda's. The client is made once per instance.
 */
final class OrderTable {
    private static final DynamoDbClient DYNAMO = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();

    private OrderTable() {}

    static void put(Order order) {
        DYNAMO.putItem(b -> b.tableName(Resources.name("orders")).item(Map.of(
                "id", AttributeValue.fromS(order.id()),
                "customer", AttributeValue.fromS(order.customer()),
                "total", AttributeValue.fromN(Integer.toString(order.total())))));
    }

    static Optional<Order> get(String id) {
        Map<String, AttributeValue> item = DYNAMO.getItem(b -> b.tableName(Resources.name("orders"))
                .key(Map.of("id", AttributeValue.fromS(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(order(item));
    }

    /** Through the table's {@code by-customer} index. */
    static List<Order> byCustomer(String customer) {
        return DYNAMO.query(b -> b.tableName(Resources.name("orders")).indexName("by-customer")
                .keyConditionExpression("customer = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customer))))
                .items().stream().map(OrderTable::order).toList();
    }

    private static Order order(Map<String, AttributeValue> item) {
        return new Order(item.get("id").s(), item.get("customer").s(), Integer.parseInt(item.get("total").n()));
    }
}
