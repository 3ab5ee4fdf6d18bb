package nl.hvht.ketenpoort.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An SSL context that hands every socket, engine and socket factory call to the context the supplier gives at
 * that moment, so a client built once (HttpClient keeps the socket factory it got) follows a reloaded TLS bundle
 * on its next connection. It cannot be initialised itself: the supplied contexts are.
 */
final class ReloadingSslContext extends SSLContext {

    ReloadingSslContext(Supplier<SSLContext> current) {
        super(new Spi(current), current.get().getProvider(), current.get().getProtocol());
    }

    private static final class Spi extends SSLContextSpi {

        private final Supplier<SSLContext> current;

        Spi(Supplier<SSLContext> current) {
            this.current = current;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("a reloading context is initialised through its TLS bundle");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Sockets(current);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return current.get().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return current.get().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return current.get().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return current.get().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return current.get().getClientSessionContext();
        }
    }

    /** A socket factory that asks the current context for its factory at every call. */
    private static final class Sockets extends SSLSocketFactory {

        private final Supplier<SSLContext> current;

        Sockets(Supplier<SSLContext> current) {
            this.current = current;
        }

        private SSLSocketFactory factory() {
            return current.get().getSocketFactory();
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return factory().getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return factory().getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return factory().createSocket();
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return factory().createSocket(socket, host, port, autoClose);
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return factory().createSocket(socket, consumed, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return factory().createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return factory().createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return factory().createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return factory().createSocket(address, port, localAddress, localPort);
        }
    }
}
