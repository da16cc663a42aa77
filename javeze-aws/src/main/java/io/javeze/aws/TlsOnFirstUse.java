package io.javeze.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * The HTTP client's TLS sockets, set up on the first https connection instead of when the client is built. Setting up
 * TLS (the JDK's trust store: ~150 certificates parsed, the TLS classes, the public suffix list of the host name
 * check) was a fifth of a fresh no-op {@code javeze deploy}'s Java samples, before its first call; this way it runs on the thread of
 * the first call to AWS, beside the deploy's own start-up, and never for a plain-http endpoint such as the local
 * cloud. The socket factory is Apache's, with the JDK's default TLS context (its trust store and the
 * {@code javax.net.ssl.*} key store properties, as the SDK's default) and Apache's default host name check.
 */
final class TlsOnFirstUse implements LayeredConnectionSocketFactory {
    private volatile SSLConnectionSocketFactory tls;

    private SSLConnectionSocketFactory tls() throws IOException {
        SSLConnectionSocketFactory f = tls;
        if (f == null) {
            synchronized (this) {
                if (tls == null) {
                    try {
                        tls = new SSLConnectionSocketFactory(SSLContext.getDefault(), SSLConnectionSocketFactory.getDefaultHostnameVerifier());
                    } catch (NoSuchAlgorithmException e) {
                        throw new IOException("no TLS in this JVM: " + e.getMessage(), e);
                    }
                }
                f = tls;
            }
        }
        return f;
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
        return tls().createSocket(context);
    }

    @Override
    public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                                InetSocketAddress localAddress, HttpContext context) throws IOException {
        return tls().connectSocket(connectTimeout, socket, host, remoteAddress, localAddress, context);
    }

    @Override
    public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
        return tls().createLayeredSocket(socket, target, port, context);
    }
}
