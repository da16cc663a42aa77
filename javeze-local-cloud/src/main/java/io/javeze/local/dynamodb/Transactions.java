package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.dynamodb.Expressions.Condition;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * TransactWriteItems and TransactGetItems: every table involved is locked (in name order, so two transactions never
 * wait on each other), all conditions are checked, and then either every write happens or none does, with
 * TransactionCanceledException listing a reason per action.
 */
final class Transactions {
    private Transactions() {}

    /** One action of a transaction: its target, its condition and what it makes of the current item (null: delete). */
    private record Action(ItemTable table, ObjectNode key, Condition condition, boolean returnOldOnFailure,
                          Function<ObjectNode, ObjectNode> change) {}

    static ObjectNode write(JsonNode in, Function<String, ItemTable> tables) {
        JsonNode items = in.path("TransactItems");
        checkSize(items);
        List<Action> actions = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (JsonNode entry : items) {
            String kind = null;
            for (String k : List.of("ConditionCheck", "Put", "Delete", "Update")) {
                if (entry.path(k).isObject()) {
                    if (kind != null) {
                        throw AwsException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
                    }
                    kind = k;
                }
            }
            if (kind == null) {
                throw AwsException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            }
            JsonNode op = entry.get(kind);
            ItemTable table = tables.apply(op.path("TableName").asText(null));
            TableSchema schema = table.schema();
            Placeholders placeholders = new Placeholders(op);
            String conditionText = op.path("ConditionExpression").asText(null);
            if (kind.equals("ConditionCheck") && conditionText == null) {
                throw AwsException.validation("1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' "
                        + "failed to satisfy constraint: Member must not be null");
            }
            Condition condition = conditionText == null ? null
                    : ExpressionParser.condition(conditionText, "ConditionExpression", placeholders);
            ObjectNode key;
            Function<ObjectNode, ObjectNode> change;
            switch (kind) {
                case "Put" -> {
                    ObjectNode item = AttributeValues.item(op.get("Item"), "item");
                    schema.checkItem(item);
                    key = schema.keyOf(item);
                    change = current -> item;
                }
                case "Delete" -> {
                    key = schema.key(op.get("Key"));
                    change = current -> null;
                }
                case "Update" -> {
                    Expressions.Update update = ExpressionParser.update(op.path("UpdateExpression").asText(""), placeholders);
                    DynamoDbService.checkKeyNotUpdated(update, schema);
                    key = schema.key(op.get("Key"));
                    ObjectNode k = key;
                    change = current -> {
                        ObjectNode updated = update.apply(current == null ? k : current);
                        schema.checkItem(updated);
                        return updated;
                    };
                }
                default -> {
                    key = schema.key(op.get("Key"));
                    change = current -> current; // a check writes nothing
                }
            }
            DynamoDbService.placeholdersNeedExpressions(op, placeholders, condition != null || op.has("UpdateExpression"));
            if (!targets.add(schema.name() + "\n" + schema.recordKey(key))) {
                throw AwsException.validation("Transaction request cannot include multiple operations on one item");
            }
            actions.add(new Action(table, key, condition, "ALL_OLD".equals(op.path("ReturnValuesOnConditionCheckFailure").asText()),
                    kind.equals("ConditionCheck") ? null : change));
        }
        locked(actions.stream().map(Action::table).toList(), () -> {
            ArrayNode reasons = Json.array();
            boolean failed = false;
            List<ObjectNode> results = new ArrayList<>();
            for (Action a : actions) {
                ObjectNode current = a.table().get(a.key());
                ObjectNode reason = reasons.addObject();
                if (a.condition() != null && !a.condition().test(current == null ? Json.object() : current)) {
                    failed = true;
                    reason.put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed");
                    if (a.returnOldOnFailure() && current != null) {
                        reason.set("Item", current);
                    }
                } else {
                    reason.put("Code", "None");
                }
                results.add(a.change() == null ? null : a.change().apply(current)); // validates every update before any write
            }
            if (failed) {
                List<String> codes = new ArrayList<>();
                reasons.forEach(r -> codes.add(r.get("Code").asText()));
                throw new AwsException(400, "TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons "
                        + "for specific reasons " + codes).with("CancellationReasons", reasons);
            }
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                if (a.change() != null) {
                    ObjectNode result = results.get(i);
                    a.table().write(a.key(), current -> result);
                }
            }
            return null;
        });
        return Json.object();
    }

    static ObjectNode get(JsonNode in, Function<String, ItemTable> tables) {
        JsonNode items = in.path("TransactItems");
        checkSize(items);
        List<ItemTable> involved = new ArrayList<>();
        List<ObjectNode> keys = new ArrayList<>();
        List<List<DocumentPath>> projections = new ArrayList<>();
        for (JsonNode entry : items) {
            JsonNode op = entry.path("Get");
            ItemTable table = tables.apply(op.path("TableName").asText(null));
            Placeholders placeholders = new Placeholders(op);
            String projection = op.path("ProjectionExpression").asText(null);
            projections.add(projection == null ? null : ExpressionParser.projection(projection, placeholders));
            DynamoDbService.placeholdersNeedExpressions(op, placeholders, projection != null);
            involved.add(table);
            keys.add(table.schema().key(op.get("Key")));
        }
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("Responses");
        locked(involved, () -> {
            for (int i = 0; i < involved.size(); i++) {
                ObjectNode item = involved.get(i).get(keys.get(i));
                ObjectNode response = responses.addObject();
                if (item != null) {
                    response.set("Item", Expressions.project(item, projections.get(i)));
                }
            }
            return null;
        });
        return out;
    }

    private static void checkSize(JsonNode items) {
        if (!items.isArray() || items.isEmpty() || items.size() > 100) {
            throw AwsException.validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must "
                    + "have length " + (items.size() > 100 ? "less than or equal to 100" : "greater than or equal to 1"));
        }
    }

    /** Runs {@code body} holding the lock of every table, taken in name order. */
    private static <T> T locked(List<ItemTable> tables, Supplier<T> body) {
        Set<ItemTable> distinct = new LinkedHashSet<>(tables);
        List<ItemTable> ordered = new ArrayList<>(distinct);
        ordered.sort(Comparator.comparing(t -> t.schema().name()));
        return lockFrom(ordered, 0, body);
    }

    private static <T> T lockFrom(List<ItemTable> ordered, int i, Supplier<T> body) {
        if (i == ordered.size()) {
            return body.get();
        }
        synchronized (ordered.get(i)) {
            return lockFrom(ordered, i + 1, body);
        }
    }
}
