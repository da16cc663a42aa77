package io.javeze.function;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/** A loopback endpoint that counts every request it gets and fails them all: proof that no AWS call was made. */
final class CountingEndpoint implements AutoCloseable {
    private final Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
    private final AtomicInteger requests = new AtomicInteger();

    CountingEndpoint() throws Exception {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                requests.incrementAndGet();
                response.setStatus(500);
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    URI uri() {
        return server.getURI();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
