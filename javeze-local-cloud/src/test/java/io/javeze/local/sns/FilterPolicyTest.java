package io.javeze.local.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterPolicyTest {
    private static ObjectNode attributes(String... nameTypeValue) {
        ObjectNode out = Json.object();
        for (int i = 0; i < nameTypeValue.length; i += 3) {
            out.putObject(nameTypeValue[i]).put("DataType", nameTypeValue[i + 1]).put("StringValue", nameTypeValue[i + 2]);
        }
        return out;
    }

    private static boolean onAttributes(String policy, ObjectNode attributes) {
        return FilterPolicy.accepts(Map.of("FilterPolicy", policy), "body", attributes);
    }

    @Test
    void everyKeyMustMatchOneOfItsConditions() {
        String policy = "{\"store\":[\"north\",\"south\"],\"price\":[{\"numeric\":[\">=\",10,\"<\",100]}]}";
        assertTrue(onAttributes(policy, attributes("store", "String", "north", "price", "Number", "10")));
        assertFalse(onAttributes(policy, attributes("store", "String", "north", "price", "Number", "100")));
        assertFalse(onAttributes(policy, attributes("store", "String", "east", "price", "Number", "20")));
        assertFalse(onAttributes(policy, attributes("store", "String", "north")), "a missing attribute does not match");
    }

    @Test
    void prefixAnythingButExistsArraysAndAlternatives() {
        assertTrue(onAttributes("{\"event\":[{\"prefix\":\"order-\"}]}", attributes("event", "String", "order-created")));
        assertFalse(onAttributes("{\"event\":[{\"anything-but\":[\"test\",\"dev\"]}]}", attributes("event", "String", "dev")));
        assertTrue(onAttributes("{\"event\":[{\"anything-but\":{\"prefix\":\"tmp\"}}]}", attributes("event", "String", "real")));
        assertTrue(onAttributes("{\"trace\":[{\"exists\":false}]}", attributes("event", "String", "x")));
        assertFalse(onAttributes("{\"trace\":[{\"exists\":true}]}", attributes("event", "String", "x")));
        assertTrue(onAttributes("{\"tags\":[\"b\"]}", attributes("tags", "String.Array", "[\"a\",\"b\"]")));
        assertTrue(onAttributes("{\"$or\":[{\"a\":[\"1\"]},{\"b\":[\"2\"]}]}", attributes("b", "String", "2")));
        assertFalse(onAttributes("{\"bin\":[\"AQID\"]}", Json.object().set("bin", Json.object().put("DataType", "Binary")
                .put("BinaryValue", "AQID"))), "binary attributes never match");
    }

    @Test
    void theBodyScopeNestsIntoTheJsonMessage() {
        Map<String, String> sub = Map.of("FilterPolicyScope", "MessageBody",
                "FilterPolicy", "{\"order\":{\"status\":[\"paid\"],\"total\":[{\"numeric\":[\">\",5]}]}}");
        assertTrue(FilterPolicy.accepts(sub, "{\"order\":{\"status\":\"paid\",\"total\":7.5}}", Json.object()));
        assertFalse(FilterPolicy.accepts(sub, "{\"order\":{\"status\":\"open\",\"total\":7.5}}", Json.object()));
        assertFalse(FilterPolicy.accepts(sub, "not json", Json.object()));
    }

    @Test
    void aPolicyThatIsNotAJsonObjectIsRefused() {
        assertEquals("InvalidParameter", assertThrows(AwsException.class, () -> FilterPolicy.parse("[1]")).code());
        assertEquals("InvalidParameter", assertThrows(AwsException.class, () -> FilterPolicy.validateScope("Body")).code());
    }
}
