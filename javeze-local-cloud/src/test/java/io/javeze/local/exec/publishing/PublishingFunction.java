package io.javeze.local.exec.publishing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.javeze.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** What a generated @Publisher handler does: declares its topic, then publishes the event it is given. */
public final class PublishingFunction implements RequestStreamHandler {
    static {
        Topics.declare("publish", "events");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String messageId = Topics.publish("events", new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write(("\"" + messageId + "\"").getBytes(StandardCharsets.UTF_8));
    }
}
