package io.kubezap.system;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.testing.apiserver.Kubeconfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A ServiceAccount's login to a real API server, as a pod would have it: a token from the TokenRequest API, the
 * server's CA to trust, the pod's namespace; written as a kubeconfig for a process. Also asks the server what the
 * account may do (SubjectAccessReview), as {@code kubectl auth can-i --as} would.
 */
final class ServiceAccountLogin {

    private ServiceAccountLogin() {
    }

    /** {@code kubectl create token <account> -n <namespace> [--audience ...]}. */
    static String token(KubernetesClient admin, String namespace, String account, String... audiences) {
        TokenRequest request = new TokenRequestBuilder().withNewSpec().withAudiences(audiences)
                .withExpirationSeconds(3600L).endSpec().build();
        return admin.serviceAccounts().inNamespace(namespace).withName(account).tokenRequest(request).getStatus().getToken();
    }

    /** A kubeconfig for {@code account}'s token, trusting the certificate authority that signed the server's certificate. */
    static Path kubeconfig(KubernetesClient admin, String serverUrl, String namespace, String account, Path file) {
        String authority;
        try {
            authority = Base64.getEncoder().encodeToString(servingCa(serverUrl).getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Kubeconfig.write(file, serverUrl, "certificate-authority-data: " + authority, account,
                token(admin, namespace, account), namespace);
    }

    /**
     * The root of the chain the server presents (kube-apiserver with --cert-dir makes its own CA and signs its serving
     * certificate with it), as PEM: taken from the handshake, as a pod would be given it in its ca.crt.
     */
    private static String servingCa(String serverUrl) throws IOException {
        URI uri = URI.create(serverUrl);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new FirstSight()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(chain[chain.length - 1].getEncoded()) + "\n-----END CERTIFICATE-----\n";
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server lets {@code user} do {@code verb} on {@code resource}, in {@code namespace} or cluster-wide (null). */
    static boolean allowed(KubernetesClient admin, String user, String verb, String group, String resource, String namespace) {
        return admin.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user).withGroups("system:serviceaccounts", "system:authenticated")
                .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(resource).withNamespace(namespace)
                .endResourceAttributes().endSpec().build()).getStatus().getAllowed();
    }

    /** Reads the server's certificates without judging them: only to learn the CA a pod would be handed. */
    private static final class FirstSight implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
