package io.javeze.runtime.event;

import java.util.List;
import java.util.Map;

/** An HTTP API payload 2.0 response. Null headers, cookies and body are left out of the JSON. */
public record HttpResponse(int statusCode, Map<String, String> headers, List<String> cookies, String body, boolean isBase64Encoded) {}
