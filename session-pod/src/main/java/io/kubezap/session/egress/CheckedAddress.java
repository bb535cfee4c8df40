package io.kubezap.session.egress;

import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

import javax.net.ssl.TrustManagerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * How a Vert.x request goes to the address {@link EgressRule} checked: the connection is opened to that address, never
 * to the URL's name again (a DNS answer that changes after the check cannot redirect it), while {@code Host} and TLS
 * (SNI, the certificate's host check) still use the URL's host.
 */
public final class CheckedAddress {

    private CheckedAddress() {
    }

    /** {@code request} (its absolute URI already set to {@code url}) sent to {@code address} on the URL's port. */
    public static RequestOptions connectTo(RequestOptions request, URI url, InetAddress address) {
        return request.setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port(url))));
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /**
     * The certificates an https endpoint is checked against: {@code trustStore}, or with null what the JDK itself
     * loads ({@code javax.net.ssl.trustStore}, else cacerts).
     */
    public static TrustOptions trust(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            return TrustOptions.wrap(factory);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the certificates outgoing https requests are checked against", e);
        }
    }
}
