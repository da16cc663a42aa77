package example.topic;

import io.javeze.Publisher;
import io.javeze.Response;
import io.javeze.Route;
import io.javeze.Subscriber;
import io.javeze.Topics;
import java.util.Map;

/** {@code POST /users} publishes a {@link UserEvent} to the {@code user-events} topic; {@link #onUserEvent} receives it. */
public final class UserEvents {
    public static final String TOPIC = "user-events";

    private UserEvents() {}

    @Route(method = "POST", path = "/users")
    @Publisher(topic = TOPIC)
    public static Response create(UserEvent event) {
        String messageId = Topics.publish(TOPIC, event);
        return Response.status(202).json(Map.of("published", messageId));
    }

    @Subscriber(topic = TOPIC)
    public static void onUserEvent(UserEvent event) {
        System.out.println("user-events: " + event.user() + " " + event.action());
    }
}
