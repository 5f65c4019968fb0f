package io.godwit.core.db;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.ServerSession;
import com.mysql.cj.protocol.SocketConnection;
import com.mysql.cj.protocol.StandardSocketFactory;
import java.io.Closeable;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * Connector/J's standard sockets plus the {@code cert-allowed-cn} check, for connections whose
 * {@code security} block lists common names. Connector/J verifies the server's certificate
 * against the CA of its trust store ({@code sslMode=VERIFY_CA}) but has no hook for a trust
 * manager of ours; its {@code socketFactory} property (a class with a public no-argument
 * constructor) is the documented extension point, so this factory lets the standard handshake run
 * and then checks the common name of the certificate the server presented, on every connection,
 * before any credentials are sent. It finds the allowed names through the trust store URL of the
 * connection, which {@link TlsMaterial#keyStores()} made unique to one {@code security} block.
 */
public class AllowedCnSocketFactory extends StandardSocketFactory {

    @Override public <T extends Closeable> T performTlsHandshake(SocketConnection connection, ServerSession session, Log log)
            throws IOException {
        T socket = super.performTlsHandshake(connection, session, log);
        String trustStoreUrl = connection.getPropertySet().getStringProperty(PropertyKey.trustCertificateKeyStoreUrl).getValue();
        try {
            TlsMaterial material = TlsMaterial.byTrustStoreUrl(trustStoreUrl).orElseThrow(() ->
                    new CertificateException("no cert-allowed-cn list is known for the trust store " + trustStoreUrl));
            if (!(sslSocket instanceof SSLSocket ssl)) {
                throw new CertificateException("the connection is not TLS, so cert-allowed-cn "
                        + material.allowedCn() + " cannot be checked");
            }
            Certificate[] peer = ssl.getSession().getPeerCertificates();
            material.checkAllowedCn(Arrays.copyOf(peer, peer.length, X509Certificate[].class));
        } catch (CertificateException e) {
            socket.close();
            SSLPeerUnverifiedException refused = new SSLPeerUnverifiedException(e.getMessage());
            refused.initCause(e);
            throw refused;
        }
        return socket;
    }
}
