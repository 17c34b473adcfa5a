package io.jenkins.plugins.ishcd.emulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate generated at start (EC P-256, SHA256withECDSA, valid for a day before and a
 * year after now), naming {@code localhost} and the given addresses as subject alternative names, so that
 * a client that verifies host names accepts it once it trusts it.
 */
final class SelfSignedCertificate {

    private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
    private static final char[] PASSWORD = "emulator".toCharArray();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** @param addresses IP addresses the certificate is valid for, besides the DNS name {@code localhost} */
    static SelfSignedCertificate generate(Collection<InetAddress> addresses) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_ECDSA));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8("Ish CD emulator"))));
            Instant now = Instant.now();
            ByteArrayOutputStream altNames = new ByteArrayOutputStream();
            altNames.writeBytes(Der.implicitPrimitive(2, "localhost".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            for (InetAddress address : addresses) {
                altNames.writeBytes(Der.implicitPrimitive(7, address.getAddress()));
            }
            byte[] extensions = Der.explicit(3, Der.sequence(
                    Der.sequence(Der.oid("2.5.29.17"), Der.octetString(Der.sequence(altNames.toByteArray()))),
                    // basicConstraints CA:false, critical: it is a server certificate, not an issuer.
                    Der.sequence(Der.oid("2.5.29.19"), Der.bool(true), Der.octetString(Der.sequence()))));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(63, new SecureRandom())),
                    algorithm,
                    name,
                    Der.sequence(Der.utcTime(now.minus(Duration.ofDays(1))), Der.utcTime(now.plus(Duration.ofDays(365)))),
                    name,
                    keys.getPublic().getEncoded(),
                    extensions);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] encoded = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(encoded));
            certificate.verify(keys.getPublic());
            return new SelfSignedCertificate(keys, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a self-signed certificate", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** @return the certificate in PEM, for {@code curl --cacert} */
    String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a server context presenting this certificate */
    SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("emulator", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS with the generated certificate", e);
        }
    }

    /** @return a trust store holding only this certificate */
    KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ish-cd-emulator", certificate);
            return store;
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a trust store", e);
        }
    }

    /** @return a client context that trusts this certificate and nothing else */
    SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a client TLS context", e);
        }
    }
}
