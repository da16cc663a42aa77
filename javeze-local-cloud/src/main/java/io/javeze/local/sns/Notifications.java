package io.javeze.local.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.util.Base64;

/** The JSON SNS writes for a notification: to SQS (the envelope) and to Lambda (the {@code Sns} record). */
final class Notifications {
    private static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem";

    private Notifications() {}

    static ObjectNode envelope(String messageId, String topicArn, String subject, String message, String timestamp,
                               ObjectNode attributes, String unsubscribeUrl) {
        ObjectNode n = Json.object();
        n.put("Type", "Notification").put("MessageId", messageId).put("TopicArn", topicArn);
        if (subject != null) {
            n.put("Subject", subject);
        }
        n.put("Message", message).put("Timestamp", timestamp).put("SignatureVersion", "1")
                .put("Signature", Base64.getEncoder().encodeToString(("local:" + messageId).getBytes()))
                .put("SigningCertURL", CERT_URL)
                .put("UnsubscribeURL", unsubscribeUrl);
        if (attributes.size() > 0) {
            ObjectNode attrs = n.putObject("MessageAttributes");
            attributes.fields().forEachRemaining(e -> {
                String type = e.getValue().path("DataType").asText();
                attrs.putObject(e.getKey()).put("Type", type.startsWith("Binary") ? "Binary" : type)
                        .put("Value", e.getValue().has("StringValue") ? e.getValue().get("StringValue").asText()
                                : e.getValue().path("BinaryValue").asText());
            });
        }
        return n;
    }

    /** Lambda's SNS event spells a few keys differently and always carries Subject and MessageAttributes. */
    static ObjectNode lambdaShape(ObjectNode envelope) {
        ObjectNode s = Json.object();
        s.put("Type", "Notification").set("MessageId", envelope.get("MessageId"));
        s.set("TopicArn", envelope.get("TopicArn"));
        s.set("Subject", envelope.has("Subject") ? envelope.get("Subject") : null);
        s.set("Message", envelope.get("Message"));
        s.set("Timestamp", envelope.get("Timestamp"));
        s.set("SignatureVersion", envelope.get("SignatureVersion"));
        s.set("Signature", envelope.get("Signature"));
        s.set("SigningCertUrl", envelope.get("SigningCertURL"));
        s.set("UnsubscribeUrl", envelope.get("UnsubscribeURL"));
        s.set("MessageAttributes", envelope.has("MessageAttributes") ? envelope.get("MessageAttributes") : Json.object());
        return s;
    }
}
