import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SNS endpoint of bench/coldstart/publish.sh: answers every request with a PublishResponse, as SNS does, so the
 * benchmark times the function's cold path and not a server. Usage: {@code java SnsStub.java <port file>}.
 */
public final class SnsStub {
    public static void main(String[] args) throws Exception {
        AtomicLong ids = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>m-"
                    + ids.incrementAndGet() + "</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId>"
                    + "</ResponseMetadata></PublishResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Files.writeString(Path.of(args[0]), String.valueOf(server.getAddress().getPort()));
    }
}
