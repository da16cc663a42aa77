package io.javeze.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The HTTP client's TLS, set up on the first https connection: it speaks TLS with the JDK's default context (its trust),
 * and checks the host name, as the SDK's own socket factory does.
 */
class TlsOnFirstUseTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path temp;

    /** A key pair and self-signed certificate for {@code san} ("ip:127.0.0.1"), made by the JDK's keytool. */
    private KeyStore keys(String san) throws Exception {
        Path file = temp.resolve(san.replaceAll("[^a-z0-9]", "_") + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=test", "-ext", "SAN=" + san, "-validity", "2",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** Answers GET / with "hello over tls" on https://127.0.0.1:PORT with the certificate of {@code keys}; returns the port. */
    private static HttpsServer serve(KeyStore keys) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(server));
        https.createContext("/", exchange -> {
            byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        return https;
    }

    /** The JVM's default TLS context trusting exactly {@code keys}' certificate, for the duration of {@code body}. */
    private static void trusting(KeyStore keys, ThrowingRunnable body) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        SSLContext before = SSLContext.getDefault();
        SSLContext.setDefault(trusting);
        try {
            body.run();
        } finally {
            SSLContext.setDefault(before);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static String get(SdkHttpClient http, String url) throws Exception {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(url)).build();
        var response = http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
        return response.httpResponse().statusCode() + " " + new String(response.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aTrustedCertificateForTheHostAnswersOverTls() throws Exception {
        KeyStore keys = keys("ip:127.0.0.1");
        HttpsServer server = serve(keys);
        try {
            trusting(keys, () -> {
                try (SdkHttpClient http = AwsClients.httpClient(2, AwsTimeouts.DEFAULT)) {
                    assertThat(get(http, "https://127.0.0.1:" + server.getAddress().getPort() + "/")).isEqualTo("200 hello over tls");
                }
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCertificateOfAnotherHostOrNotTrustedIsRefused() throws Exception {
        KeyStore other = keys("dns:other.example");
        HttpsServer server = serve(other);
        String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
        try {
            trusting(other, () -> {
                try (SdkHttpClient http = AwsClients.httpClient(2, AwsTimeouts.DEFAULT)) {
                    assertThatThrownBy(() -> get(http, url)).as("trusted, but for other.example").isInstanceOf(SSLException.class)
                            .hasMessageContaining("127.0.0.1");
                }
            });
            try (SdkHttpClient http = AwsClients.httpClient(2, AwsTimeouts.DEFAULT)) {
                assertThatThrownBy(() -> get(http, url)).as("not in the JDK's trust store").isInstanceOf(SSLException.class);
            }
        } finally {
            server.stop(0);
        }
    }
}
