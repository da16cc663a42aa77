package example.topic;

/** What the route publishes to {@code user-events} and the subscriber receives, as JSON. */
public record UserEvent(String user, String action) {}
