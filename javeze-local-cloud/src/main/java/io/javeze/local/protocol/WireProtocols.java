package io.javeze.local.protocol;

import io.javeze.local.http.Protocol;
import java.util.EnumMap;
import java.util.Map;

/** The one generic parser and serializer of each wire protocol. */
public final class WireProtocols {
    private static final Map<Protocol, WireProtocol> BY_PROTOCOL = new EnumMap<>(Protocol.class);

    static {
        BY_PROTOCOL.put(Protocol.AWS_JSON, new AwsJsonProtocol());
        BY_PROTOCOL.put(Protocol.REST_XML, new RestXmlProtocol());
        BY_PROTOCOL.put(Protocol.QUERY, new QueryProtocol());
        BY_PROTOCOL.put(Protocol.REST_JSON, new RestJsonProtocol());
    }

    private WireProtocols() {}

    public static WireProtocol of(Protocol protocol) {
        WireProtocol wire = BY_PROTOCOL.get(protocol);
        if (wire == null) {
            throw new IllegalStateException("no generic " + protocol + " protocol yet");
        }
        return wire;
    }
}
