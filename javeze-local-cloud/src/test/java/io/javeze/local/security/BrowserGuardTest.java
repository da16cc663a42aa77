package io.javeze.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserGuardTest {
    private final BrowserGuard guard = new BrowserGuard(List.of("http://localhost:3000"), "127.0.0.1");

    @Test
    void onlyLoopbackNamesPassTheHostCheck() {
        assertThat(List.of("127.0.0.1:4566", "127.0.0.1", "localhost:4566", "LOCALHOST", "abc.execute-api.localhost:4566",
                "u1.lambda-url.localhost", "[::1]:4566", "127.1.2.3:80"))
                .allSatisfy(host -> assertThat(guard.hostRefusal(host)).as(host).isNull());
        assertThat(List.of("evil.example", "evil.example:4566", "127.0.0.1.nip.io", "localhost.evil.example",
                "evil.example:80@localhost", "192.168.1.5:4566", "", "[::2]:4566"))
                .allSatisfy(host -> assertThat(guard.hostRefusal(host)).as(host).isNotNull());
    }

    @Test
    void aWildcardBindAlsoAcceptsAddressLiteralsButNeverForeignNames() {
        BrowserGuard wildcard = new BrowserGuard(List.of(), "0.0.0.0");
        assertThat(wildcard.hostRefusal("192.168.1.5:4566")).isNull();
        assertThat(wildcard.hostRefusal("evil.example:4566")).isNotNull();
    }

    @Test
    void webPagesAreRefusedUnlessTheirOriginIsAllowed() {
        assertThat(guard.crossSiteRefusal("POST", "http://evil.example", null, null)).contains("http://evil.example");
        assertThat(guard.crossSiteRefusal("POST", "null", null, null)).isNotNull();
        assertThat(guard.crossSiteRefusal("GET", null, "cross-site", null)).isNotNull();
        assertThat(guard.crossSiteRefusal("GET", null, "same-site", null)).isNotNull();
        assertThat(guard.crossSiteRefusal("OPTIONS", "http://evil.example", null, "POST")).contains("preflight");
        assertThat(guard.crossSiteRefusal("GET", null, "none", null)).as("typed in the address bar").isNull();
        assertThat(guard.crossSiteRefusal("POST", null, null, null)).as("the AWS CLI and SDKs").isNull();
        assertThat(guard.crossSiteRefusal("POST", "http://localhost:3000/", "cross-site", null)).isNull();
        assertThat(guard.allowedOrigin("http://LOCALHOST:3000")).isEqualTo("http://LOCALHOST:3000");
        assertThat(guard.allowedOrigin("http://localhost:3001")).isNull();
    }
}
