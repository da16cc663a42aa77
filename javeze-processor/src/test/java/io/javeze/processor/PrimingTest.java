package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.crac.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SnapStart: a generated handler's beforeCheckpoint primes it without calling the user's method, then runs @Prime methods. */
class PrimingTest {
    static final String APP = """
            package com.example;

            import io.javeze.*;
            import java.util.*;

            public class Shop {
                public record Order(String item, int count) {}

                public static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());

                public Shop() { CALLS.add("new Shop"); }

                @Prime
                public static void openClients() { CALLS.add("prime"); }

                @Route(method = "POST", path = "/orders/{id}")
                public Order order(long id, Order order, @Query(defaultValue = "x") String note, Request request) {
                    CALLS.add("order");
                    return order;
                }

                @Route(method = "GET", path = "/hello/{word}")
                public static String hello(String word) { CALLS.add("hello"); return "Hello"; }

                @Auth
                public static boolean allow(AuthRequest request) { CALLS.add("auth"); return true; }

                @Subscriber(topic = "orders")
                public static void onOrder(Order order) { CALLS.add("onOrder"); }
            }
            """;

    static ClassLoader loader;

    @BeforeAll
    static void compile() {
        loader = TestCompiler.classLoader(TestCompiler.compileOk(List.of(), "com.example.Shop", APP));
    }

    @Test
    void beforeCheckpointPrimesEveryKindWithoutCallingTheUserMethodAndRunsPrimeMethods() throws Exception {
        for (String function : List.of("OrderFunction", "HelloFunction", "AllowFunction", "OnOrderFunction")) {
            Object handler = LambdaHarness.newHandler(loader, "com.example.javeze." + function);
            assertThat(handler).isInstanceOf(Resource.class);
            calls().clear();
            ((Resource) handler).beforeCheckpoint(null);
            ((Resource) handler).afterRestore(null);
            assertThat(calls()).as(function).containsExactly("prime");
        }
    }

    @Test
    void theHandlerStillAnswersAfterPriming() throws Exception {
        Object handler = LambdaHarness.newHandler(loader, "com.example.javeze.OrderFunction");
        ((Resource) handler).beforeCheckpoint(null);
        calls().clear();
        var event = LambdaHarness.sample("http-api-v2.json").put("routeKey", "POST /orders/{id}").put("body", "{\"item\":\"tea\",\"count\":2}");
        event.putObject("pathParameters").put("id", "1");
        assertThat(LambdaHarness.invoke(handler, event).get("body").asText()).isEqualTo("{\"item\":\"tea\",\"count\":2}");
        assertThat(calls()).containsExactly("order");
    }

    @SuppressWarnings("unchecked")
    private static List<String> calls() throws Exception {
        return (List<String>) loader.loadClass("com.example.Shop").getField("CALLS").get(null);
    }
}
