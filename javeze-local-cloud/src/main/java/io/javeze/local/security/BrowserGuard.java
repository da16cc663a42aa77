package io.javeze.local.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps web pages away from the control plane. A page the developer visits can make the browser send simple requests
 * (form posts, {@code text/plain} bodies, presigned-looking URLs) to 127.0.0.1 without asking anyone; the browser marks
 * them with {@code Origin} and {@code Sec-Fetch-Site}, which is what is refused here unless the origin is on the
 * opt-in allowlist. A {@code Host} that is not a loopback name means a DNS-rebinding page reached us by a name it
 * controls: refused on every plane.
 */
public final class BrowserGuard {
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> allowedOrigins;
    private final String bindAddress;
    private final boolean wildcardBind;

    public BrowserGuard(List<String> allowedOrigins, String bindAddress) {
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(BrowserGuard::normalizeOrigin).toList());
        this.bindAddress = bindAddress.toLowerCase(Locale.ROOT);
        this.wildcardBind = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]");
    }

    /** Null when the Host header names this machine's loopback (or the bound address), else why not. */
    public String hostRefusal(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return "a Host header is required";
        }
        String host = PORT.matcher(hostHeader.toLowerCase(Locale.ROOT)).replaceFirst("");
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean loopback = host.equals("localhost") || host.endsWith(".localhost") || bare.equals("::1")
                || bare.startsWith("127.") && IPV4.matcher(bare).matches() || bare.equals(bindAddress)
                // bound to every interface: any address literal is this machine; a rebinding page has a name, never a literal
                || wildcardBind && (IPV4.matcher(bare).matches() || host.startsWith("["));
        return loopback ? null : "Host " + hostHeader + " is not a loopback name (127.0.0.1, localhost, *.localhost, [::1])";
    }

    /**
     * Null when a control-plane request does not come from a web page (or from an allowed origin), else why it is refused.
     */
    public String crossSiteRefusal(String method, String origin, String fetchSite, String preflightMethod) {
        if (origin != null && allowedOrigins.contains(normalizeOrigin(origin))) {
            return null;
        }
        if ("OPTIONS".equals(method) && preflightMethod != null) {
            return "CORS preflight from " + (origin == null ? "a web page" : origin) + " refused: the AWS API is not for web pages";
        }
        if (origin != null) {
            return "cross-origin request from " + origin + " refused (allow it with javeze local start --allow-origin "
                    + origin + ")";
        }
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return "request from a web page (Sec-Fetch-Site: " + fetchSite + ") refused";
        }
        return null;
    }

    /** The allowed origin to echo in CORS answers, or null. */
    public String allowedOrigin(String origin) {
        return origin != null && allowedOrigins.contains(normalizeOrigin(origin)) ? origin : null;
    }

    static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
