package io.javeze.local.http;

import io.javeze.local.security.RoleSessions;
import java.util.Locale;
import java.util.Map;

/**
 * Who made one AWS API call, to which service and operation, in which region: the context a provider gets beside the
 * operation's parsed input. What the request says is in that input, never read from here.
 *
 * @param headers by lower-case name (S3's conditional writes read {@code If-None-Match}, newer than the models here)
 * @param caller  the function's role session that signed the call, or null when the user's own credentials did
 */
public record AwsCall(String service, String region, Protocol protocol, String operation, String method, String rawPath,
                     Map<String, String> headers, String requestId, RoleSessions.Session caller) {
    /** A header by case-insensitive name. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
