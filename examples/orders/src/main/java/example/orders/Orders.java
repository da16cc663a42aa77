package example.orders;

import io.javeze.Body;
import io.javeze.HttpException;
import io.javeze.Route;
import io.javeze.Uses;
import java.util.List;
import java.util.Optional;

/**
 * Orders in a DynamoDB table and receipts in an S3 bucket. Each function declares the resources it uses with
 * {@code @Uses}; deploy grants it the SDK calls its own code reaches, on those resources' ARNs only: {@code create}
 * gets {@code dynamodb:PutItem} on the table, {@code receipt} {@code s3:GetObject} on the bucket and nothing on the
 * table, {@code attach-receipt} {@code dynamodb:GetItem} and {@code s3:PutObject}.
 */
public final class Orders {
    private Orders() {}

    @Uses("orders")
    @Route(method = "POST", path = "/orders")
    public static Order create(Order order) {
        OrderTable.put(order);
        return order;
    }

    @Uses("orders")
    @Route(method = "GET", path = "/orders/{id}")
    public static Optional<Order> get(String id) {
        return OrderTable.get(id);
    }

    @Uses("orders")
    @Route(method = "GET", path = "/customers/{customer}/orders")
    public static List<Order> byCustomer(String customer) {
        return OrderTable.byCustomer(customer);
    }

    @Uses({"orders", "receipts"})
    @Route(method = "PUT", path = "/orders/{id}/receipt")
    public static String attachReceipt(String id, @Body String text) {
        if (OrderTable.get(id).isEmpty()) throw new HttpException(404, "no order " + id);
        ReceiptBucket.put(id, text);
        return "receipt of " + id + " stored";
    }

    @Uses("receipts")
    @Route(method = "GET", path = "/orders/{id}/receipt")
    public static Optional<String> receipt(String id) {
        return ReceiptBucket.get(id);
    }
}
