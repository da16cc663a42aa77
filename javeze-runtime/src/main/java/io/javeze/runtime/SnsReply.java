package io.javeze.runtime;

import java.io.InputStream;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What SNS answered a {@code Publish}, read with the JDK's StAX parser (no DTDs, no external entities): the
 * {@code MessageId} of a {@code PublishResponse}, or the {@code Code} and {@code Message} of an {@code ErrorResponse}.
 */
record SnsReply(int status, String messageId, String code, String message) {
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown");
    private static final XMLInputFactory XML = secureFactory();

    static SnsReply read(int status, InputStream body) {
        String messageId = null;
        String code = null;
        String message = null;
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(body);
            try {
                while (reader.hasNext()) {
                    if (reader.next() != XMLStreamConstants.START_ELEMENT) continue;
                    switch (reader.getLocalName()) {
                        case "MessageId" -> messageId = reader.getElementText().trim();
                        case "Code" -> code = reader.getElementText().trim();
                        case "Message" -> message = reader.getElementText().trim();
                        default -> { }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            message = message != null ? message : "unreadable answer (" + e.getMessage() + ")";
        }
        boolean ok = status / 100 == 2 && messageId != null && !messageId.isEmpty();
        return new SnsReply(status, ok ? messageId : null, code, message);
    }

    /** Worth another attempt: a server error or throttling, as the SDK's standard retry strategy decides. */
    boolean retryable() {
        return status >= 500 || status == 429 || (code != null && THROTTLING.contains(code));
    }

    /** {@code HTTP 403 AuthorizationError: User ... is not authorized ...}. */
    String describe() {
        return "HTTP " + status + (code != null ? " " + code : "") + (message != null ? ": " + message : "");
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
