package io.javeze.local.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import io.javeze.local.lambda.LambdaInvoker;
import java.net.URI;
import java.util.List;
import java.util.logging.Logger;

/**
 * Delivers a published message to a topic's subscriptions, as SNS does: the notification envelope (or the raw message
 * with {@code RawMessageDelivery}) into SQS queues, whose policy must let the topic send (the queue decides: see
 * {@link QueueSink}), and the {@code Records[].Sns} event to Lambda functions, invoked asynchronously. A failed
 * delivery is logged and never fails the Publish call. A subscription whose {@link FilterPolicy} rejects the message
 * gets nothing.
 */
public final class SnsDelivery {
    private static final Logger LOG = Logger.getLogger(SnsDelivery.class.getName());

    /** Where SNS puts messages for SQS subscriptions: SQS's {@code deliver}, which checks the queue policy. */
    @FunctionalInterface
    public interface QueueSink {
        /**
         * @param messageAttributes the raw delivery's attributes, by name: {@code DataType}, {@code StringValue},
         *                          {@code BinaryValue} as base64 text; null for an envelope
         * @throws AwsException when the queue does not exist or its policy does not let the topic send
         */
        void deliver(String queueArn, String topicArn, String body, ObjectNode messageAttributes);
    }

    /** One published message. */
    record Message(String messageId, String topicArn, String subject, String body, ObjectNode attributes) {}

    private final URI endpoint;
    private final QueueSink queues;
    private final LambdaInvoker functions;

    /** @param endpoint the local cloud's, for the UnsubscribeURL of notifications */
    public SnsDelivery(URI endpoint, QueueSink queues, LambdaInvoker functions) {
        this.endpoint = endpoint;
        this.queues = queues;
        this.functions = functions;
    }

    void deliver(Message m, List<SnsStore.Subscription> targets) {
        String timestamp = Clock.iso(System.currentTimeMillis());
        for (SnsStore.Subscription s : targets) {
            if (!FilterPolicy.accepts(s.attributes(), m.body(), m.attributes())) {
                continue;
            }
            ObjectNode notification = Notifications.envelope(m.messageId(), m.topicArn(), m.subject(), m.body(), timestamp,
                    m.attributes(), unsubscribeUrl(s.arn()));
            try {
                if (s.protocol().equals("sqs")) {
                    queues.deliver(s.endpoint(), m.topicArn(), s.rawMessageDelivery() ? m.body() : notification.toString(),
                            s.rawMessageDelivery() ? textAttributes(m.attributes()) : null);
                } else {
                    ObjectNode event = Json.object();
                    ObjectNode record = event.putArray("Records").addObject();
                    record.put("EventSource", "aws:sns").put("EventVersion", "1.0").put("EventSubscriptionArn", s.arn());
                    record.set("Sns", Notifications.lambdaShape(notification));
                    functions.invokeAsync(s.endpoint(), "sns.amazonaws.com", m.topicArn(), Json.bytes(event));
                }
            } catch (AwsException e) {
                LOG.info("SNS delivery to " + s.endpoint() + " failed: " + e.getMessage());
            }
        }
    }

    /** The subscription's unsubscribe link, on the local cloud's own host and port, as AWS writes it (ARN unencoded). */
    String unsubscribeUrl(String subscriptionArn) {
        return endpoint.toString().replaceAll("/+$", "") + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn;
    }

    /** Binary values as SQS keeps them: base64 text. */
    private static ObjectNode textAttributes(ObjectNode attributes) {
        ObjectNode out = attributes.deepCopy();
        out.forEach(a -> {
            JsonNode binary = a.get("BinaryValue");
            if (binary != null && binary.isBinary()) {
                ((ObjectNode) a).set("BinaryValue", TextNode.valueOf(binary.asText()));
            }
        });
        return out;
    }
}
