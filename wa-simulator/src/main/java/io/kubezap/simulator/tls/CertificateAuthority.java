package io.kubezap.simulator.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A throw-away certificate authority made at start, and the server certificate it issues for the
 * host names the simulator impersonates. Clients trust it through the trust store it writes.
 */
public final class CertificateAuthority {
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final KeyPair caKeys;
    private final X500Name caName;
    private final X509Certificate caCertificate;

    private CertificateAuthority(KeyPair caKeys, X500Name caName, X509Certificate caCertificate) {
        this.caKeys = caKeys;
        this.caName = caName;
        this.caCertificate = caCertificate;
    }

    public static CertificateAuthority generate() {
        try {
            var keys = newKeyPair();
            var name = new X500Name("CN=kubezap wa-simulator CA " + Instant.now().getEpochSecond());
            var builder = certificateBuilder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new CertificateAuthority(keys, name, sign(builder, keys.getPrivate()));
        } catch (IOException | GeneralSecurityException | OperatorCreationException exception) {
            throw new IllegalStateException("Cannot create the simulator's certificate authority", exception);
        }
    }

    /** A key and certificate chain for a server answering to the given host names. */
    public ServerIdentity issueServerIdentity(String... hostNames) {
        try {
            var keys = newKeyPair();
            var subject = new X500Name("CN=" + hostNames[0]);
            var names = new GeneralName[hostNames.length];
            for (var i = 0; i < hostNames.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, hostNames[i]);
            }
            var builder = certificateBuilder(caName, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            var certificate = sign(builder, caKeys.getPrivate());
            return new ServerIdentity(keys.getPrivate(), new X509Certificate[]{certificate, caCertificate});
        } catch (IOException | GeneralSecurityException | OperatorCreationException exception) {
            throw new IllegalStateException("Cannot issue a server certificate", exception);
        }
    }

    /** Writes a PKCS12 trust store holding only this CA, for {@code javax.net.ssl.trustStore}. */
    public void writeTrustStore(Path file, char[] password) {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("kubezap-wa-simulator-ca", caCertificate);
            var parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var output = Files.newOutputStream(file)) {
                store.store(output, password);
            }
        } catch (IOException | GeneralSecurityException exception) {
            throw new IllegalStateException("Cannot write the trust store " + file, exception);
        }
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    public record ServerIdentity(PrivateKey privateKey, X509Certificate[] chain) {
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder certificateBuilder(X500Name issuer, X500Name subject, KeyPair keys) {
        var now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws OperatorCreationException, GeneralSecurityException {
        var signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
