package io.javeze.local.gateway;

import java.util.List;
import java.util.Map;

/** The HTTP response to send back to the client. */
public record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {}
