package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

    @Test
    void certificateIsSelfSignedAndNamesLocalhostAndTheAddresses() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")));
        X509Certificate certificate = generated.certificate();

        certificate.verify(certificate.getPublicKey());
        certificate.checkValidity();
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Ish CD emulator");
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.now().plusSeconds(300L * 86400));
    }

    @Test
    void pemAndContextsAreBuiltFromIt() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate(List.of());

        assertThat(generated.pem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(generated.trustStore().isCertificateEntry("ish-cd-emulator")).isTrue();
        assertThat(generated.serverContext().getProtocol()).isEqualTo("TLS");
        assertThat(generated.clientContext().getProtocol()).isEqualTo("TLS");
    }
}
