package io.javeze;

import io.javeze.runtime.Json;
import io.javeze.runtime.TopicTransport;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Publishes messages to topics from routes and subscribers.
 *
 * <pre>{@code
 * @Route(method = "POST", path = "/users")
 * @Publisher(topic = "user-events")
 * public static void create(User user) { Topics.publish("user-events", new UserCreated(user.id())); }
 * }</pre>
 *
 * A {@code String} message is sent as is, anything else as JSON. A function may publish only to the topics it
 * declares with {@link Publisher}; the topic's ARN comes from the environment variable {@link #envVarName(String)}.
 */
public final class Topics {
    private static final String ENV_PREFIX = "JAVEZE_TOPIC_";

    private static volatile Declaration declaration;
    private static volatile TopicTransport transport;
    private static volatile Map<String, String> environment = System.getenv();

    private Topics() {}

    /**
     * The environment variable that carries a topic's ARN: {@code JAVEZE_TOPIC_} followed by the topic name in
     * upper case with every character other than A-Z and 0-9 replaced by '_' ({@code user-events} →
     * {@code JAVEZE_TOPIC_USER_EVENTS}). Deploy sets it on every function that declares {@link Publisher}.
     */
    public static String envVarName(String topic) {
        StringBuilder name = new StringBuilder(ENV_PREFIX);
        for (char c : topic.toUpperCase(Locale.ROOT).toCharArray()) {
            name.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return name.toString();
    }

    /** Publishes a message and returns SNS's message id. */
    public static String publish(String topic, Object message) {
        if (message == null) {
            throw new IllegalArgumentException("cannot publish a null message to topic \"" + topic + "\"");
        }
        Declaration declared = declaration;
        if (declared == null) {
            throw new IllegalStateException("cannot publish to topic \"" + topic + "\": Topics.publish works inside a javeze "
                    + "function whose method declares @Publisher(topic = \"" + topic + "\")");
        }
        if (!declared.topics().contains(topic)) {
            throw new IllegalStateException("function \"" + declared.function() + "\" publishes to topic \"" + topic
                    + "\" without declaring it: add @Publisher(topic = \"" + topic + "\") to its method"
                    + (declared.topics().isEmpty() ? "" : " (it declares " + declared.topics() + ")"));
        }
        String variable = envVarName(topic);
        String arn = environment.get(variable);
        if (arn == null || arn.isBlank()) {
            throw new IllegalStateException("topic \"" + topic + "\" has no ARN: environment variable " + variable
                    + " is not set; deploy the function with javeze deploy");
        }
        String body = message instanceof String text ? text : Json.write(message);
        return transport().publish(arn, body);
    }

    /** Called by the generated handler of each function: the topics its method declares with {@link Publisher}. */
    public static void declare(String function, String... topics) {
        declaration = new Declaration(function, Set.copyOf(new TreeSet<>(Set.of(topics))));
    }

    /** Replaces the SNS transport and the environment; for tests. */
    static void useForTests(TopicTransport testTransport, Map<String, String> testEnvironment) {
        transport = testTransport;
        environment = testEnvironment == null ? System.getenv() : Map.copyOf(testEnvironment);
    }

    private static TopicTransport transport() {
        TopicTransport current = transport;
        if (current == null) {
            synchronized (Topics.class) {
                if (transport == null) {
                    transport = TopicTransport.sns(environment);
                }
                current = transport;
            }
        }
        return current;
    }

    private record Declaration(String function, Set<String> topics) {}
}
