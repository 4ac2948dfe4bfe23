package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * A certificate of {@link CertificateAuthority#issueTlsCertificate} in a real TLS handshake on the loopback, through
 * the JDK's own TLS stack: a client that trusts the CA and checks the name it dialled (as HTTPS does) accepts it; one
 * that trusts another CA refuses it.
 */
class TlsHandshakeTest {

    private static final char[] PASSWORD = "test".toCharArray();

    private final CertificateAuthority ca = CertificateAuthority.createRoot("Synergie Test Services", Duration.ofDays(30));

    @Test
    void handshakeWhenClientTrustsTheCaAndDialsANameOfTheCertificateThenItCompletes() throws Exception {
        try (SSLServerSocket server = server()) {
            CompletableFuture<Integer> served = serveOneByte(server);

            try (SSLSocket client = client(ca, server.getLocalPort())) {
                client.getOutputStream().write(42);
                client.getOutputStream().flush();
                assertThat(client.getSession().getPeerPrincipal().getName()).isEqualTo("CN=synergie-1,OU=Service,O=Synergie");
            }
            assertThat(served.get()).isEqualTo(42);
        }
    }

    @Test
    void handshakeWhenClientTrustsAnotherCaThenItFails() throws Exception {
        CertificateAuthority other = CertificateAuthority.createRoot("Somebody Else", Duration.ofDays(30));
        try (SSLServerSocket server = server()) {
            serveOneByte(server);

            assertThatThrownBy(() -> {
                try (SSLSocket client = client(other, server.getLocalPort())) {
                    client.startHandshake();
                }
            }).isInstanceOf(SSLHandshakeException.class);
        }
    }

    private SSLServerSocket server() throws Exception {
        KeyPair keys = Keys.generateEcP256();
        var certificate = ca.issueTlsCertificate("synergie-1", keys.getPublic(), List.of("localhost"), List.of("127.0.0.1"),
                Duration.ofDays(1));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", keys.getPrivate(), PASSWORD, new Certificate[] {certificate, ca.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static CompletableFuture<Integer> serveOneByte(SSLServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (var socket = server.accept(); InputStream in = socket.getInputStream(); OutputStream ignored = socket.getOutputStream()) {
                return in.read();
            } catch (Exception e) {
                return -1;
            }
        });
    }

    private static SSLSocket client(CertificateAuthority trusted, int port) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }
}
