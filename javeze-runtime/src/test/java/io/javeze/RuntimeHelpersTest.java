package io.javeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.runtime.Convert;
import io.javeze.runtime.Json;
import io.javeze.runtime.SubscriberCall;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuntimeHelpersTest {
    public record Address(String city, List<String> lines) {}

    public record Person(String name, int age, Address address, boolean active) {}

    enum Size { SMALL, LARGE }

    @Test
    void jacksonJrRoundTripsNestedRecords() {
        Person person = new Person("ada", 36, new Address("London", List.of("1 Main St")), true);
        String json = Json.write(person);
        assertThat(Json.read(json, Person.class)).isEqualTo(person);
        assertThat(Json.read("{\"active\":false,\"age\":7,\"name\":\"bob\",\"unknown\":1}", Person.class))
                .isEqualTo(new Person("bob", 7, null, false));
        assertThat(Json.readList("[{\"city\":\"Paris\"}]", Address.class)).containsExactly(new Address("Paris", null));
    }

    public record Event(java.time.Instant at, java.time.LocalDate day, java.util.Optional<String> note) {}

    @Test
    void javaTimeIsIso8601AndOptionalIsItsValue() {
        Event event = new Event(java.time.Instant.parse("2026-01-01T10:15:30Z"), java.time.LocalDate.parse("2026-02-03"),
                java.util.Optional.of("hi"));
        assertThat(Json.write(event)).isEqualTo("{\"at\":\"2026-01-01T10:15:30Z\",\"day\":\"2026-02-03\",\"note\":\"hi\"}");
        assertThat(Json.read("{\"at\":\"2026-01-01T10:15:30Z\",\"day\":\"2026-02-03\"}", Event.class).day())
                .isEqualTo(java.time.LocalDate.parse("2026-02-03"));
        assertThatThrownBy(() -> Json.read("{\"day\":\"tomorrow\"}", Event.class))
                .hasMessageStartingWith("\"day\" must be an ISO-8601 date, got \"tomorrow\"");
    }

    @Test
    void invalidJsonNamesTheProblemAndPosition() {
        assertThatThrownBy(() -> Json.read("{\"name\": \"ada\", \"age\": }", Person.class))
                .isInstanceOf(Json.InvalidJsonException.class)
                .hasMessageContaining("Unexpected character ('}'")
                .hasMessageContaining("line: 1, column: 24")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Json.read("{\"name\": \"ada\", \"age\": \"old\", \"active\": true}", Person.class))
                .isInstanceOf(Json.InvalidJsonException.class)
                .hasMessageStartingWith("\"age\" must be an integer, got ");
        assertThatThrownBy(() -> Json.read("{\"name\": \"ada\", \"age\": 3, \"active\": \"yes\"}", Person.class))
                .hasMessageStartingWith("\"active\" must be true or false, got ");
        assertThatThrownBy(() -> Json.read("{\"name\": \"ada\"}", Person.class))
                .hasMessageStartingWith("\"age\" is required (an integer)");
    }

    public record Owner(long id, String name) {}

    public record Pet(String name, Size size, Owner owner, List<Owner> previous, java.util.Set<String> tags, int age) {}

    @Test
    void recordsAreWrittenInDeclarationOrderWithoutNulls() {
        Pet pet = new Pet("rex", Size.LARGE, new Owner(7, "ada"), List.of(new Owner(8, null)), new java.util.LinkedHashSet<>(List.of("b", "a")), 3);
        assertThat(Json.write(pet)).isEqualTo("{\"name\":\"rex\",\"size\":\"LARGE\",\"owner\":{\"id\":7,\"name\":\"ada\"},"
                + "\"previous\":[{\"id\":8}],\"tags\":[\"b\",\"a\"],\"age\":3}");
        assertThat(Json.read(Json.write(pet), Pet.class)).isEqualTo(pet);
        assertThat(Json.write(new Event(null, null, java.util.Optional.empty()))).isEqualTo("{}");
    }

    @Test
    void jsonEnumsReadIgnoringCase() {
        assertThat(Json.read("{\"size\":\"small\",\"age\":1}", Pet.class).size()).isEqualTo(Size.SMALL);
        assertThat(Json.readList("[{\"size\":\"Large\",\"age\":1}]", Pet.class).get(0).size()).isEqualTo(Size.LARGE);
        assertThatThrownBy(() -> Json.read("{\"size\":\"huge\",\"age\":1}", Pet.class))
                .hasMessageStartingWith("\"size\" must be one of SMALL, LARGE, got \"huge\"");
    }

    @Test
    void bodyErrorsNameTheFieldPathAndNoJavaClass() {
        assertThatThrownBy(() -> Json.read("{\"owner\":{\"id\":\"x\"},\"age\":1}", Pet.class))
                .hasMessageStartingWith("\"owner.id\" must be an integer, got ");
        assertThatThrownBy(() -> Json.read("{\"owner\":{\"name\":\"ada\"},\"age\":1}", Pet.class))
                .hasMessageStartingWith("\"owner.id\" is required (an integer)");
        assertThatThrownBy(() -> Json.read("{\"previous\":[{\"id\":1},{\"id\":true}],\"age\":1}", Pet.class))
                .hasMessageStartingWith("\"previous[1].id\" must be an integer, got ");
        assertThatThrownBy(() -> Json.read("{\"owner\":\"ada\",\"age\":1}", Pet.class))
                .hasMessageStartingWith("\"owner\" must be a JSON object, got ");
        assertThatThrownBy(() -> Json.read("{\"previous\":{},\"age\":1}", Pet.class))
                .hasMessageStartingWith("\"previous\" must be a JSON array, got ");
        assertThatThrownBy(() -> Json.read("[1]", Pet.class)).hasMessageStartingWith("\"body\" must be a JSON object, got ");
        for (String bad : List.of("{\"owner\":{\"id\":\"x\"}}", "{\"owner\":3,\"age\":1}", "{\"age\":1,\"tags\":3}", "[1]")) {
            assertThatThrownBy(() -> Json.read(bad, Pet.class)).satisfies(e -> assertThat(e.getMessage())
                    .doesNotContain("RuntimeHelpersTest").doesNotContain("java.").doesNotContain("$"));
        }
    }

    @Test
    void repeatedQueryKeysBindFromTheRawQueryString() {
        var event = new io.javeze.runtime.event.HttpEvent("GET /p", "/p", "tag=a%2Cb&tag=c+d&x=1&tag=", null, null,
                Map.of("tag", "a,b,c d,", "x", "1"), null, null, false, null, "GET", null, null);
        var call = new io.javeze.runtime.HttpCall(event, null);
        assertThat(call.queries("tag", true, null)).containsExactly("a,b", "c d", "");
        assertThat(Convert.toSet(call.queries("x", true, null), v -> Convert.toInteger(v, "x"))).containsExactly(1);
        assertThat(call.queries("none", false, "p,q")).containsExactly("p", "q");
        assertThat(call.queries("none", false, null)).isEmpty();
        assertThatThrownBy(() -> call.queries("none", true, null)).hasMessage("missing required query parameter 'none'");
        var joined = new io.javeze.runtime.HttpCall(new io.javeze.runtime.event.HttpEvent("GET /p", "/p", null, null, null,
                Map.of("tag", "a,b"), null, null, false, null, "GET", null, null), null);
        assertThat(joined.queries("tag", true, null)).containsExactly("a", "b");
    }

    @Test
    void conversionsRejectBadTextWith400() {
        assertThat(Convert.toLong(" 42 ", "path parameter 'id'")).isEqualTo(42L);
        assertThat(Convert.toUuid("123e4567-e89b-12d3-a456-426614174000", "x")).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(Convert.toEnum(Size.class, "large", "x")).isEqualTo(Size.LARGE);
        assertThat(Convert.toInteger(null, "x")).isNull();
        assertThatThrownBy(() -> Convert.toBoolean("yes", "query parameter 'exact'"))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("query parameter 'exact' must be true or false, got \"yes\"");
        assertThatThrownBy(() -> Convert.toUuid("1-2-3-4-5", "x")).hasMessage("x must be a UUID, got \"1-2-3-4-5\"");
        assertThatThrownBy(() -> Convert.toDouble("NaN", "x")).hasMessage("x must be a finite number, got \"NaN\"");
    }

    @Test
    void snsEnvelopeIsUnwrappedAndRawDeliveryKept() {
        String envelope = "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\",\"Message\":\"{\\\"a\\\":1}\"}";
        assertThat(SubscriberCall.messageOf(envelope)).isEqualTo("{\"a\":1}");
        assertThat(SubscriberCall.messageOf("{\"Type\":\"Notification\"}")).isEqualTo("{\"Type\":\"Notification\"}");
        assertThat(SubscriberCall.messageOf("plain")).isEqualTo("plain");
    }

    @Test
    void authResultContextAcceptsOnlyValuesApiGatewayPasses() {
        assertThat(AuthResult.allow(Map.of("user", "ada", "level", 3)).context()).containsEntry("level", 3);
        assertThatThrownBy(() -> AuthResult.allow(Map.of("roles", List.of("a"))))
                .hasMessageStartingWith("authorizer context value \"roles\" must be a String, number or boolean");
    }
}
