package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DerTest {

    @Test
    void encodesObjectIdentifiersLikeTheStandardExamples() {
        // 1.2.840.10045.4.3.2 (ecdsa-with-SHA256), as found in every such certificate.
        assertThat(hex(Der.oid("1.2.840.10045.4.3.2"))).isEqualTo("06082a8648ce3d040302");
        assertThat(hex(Der.oid("2.5.29.17"))).isEqualTo("0603551d11");
    }

    @Test
    void encodesShortAndLongLengths() {
        assertThat(hex(Der.octetString(new byte[2]))).isEqualTo("04020000");
        assertThat(hex(Der.octetString(new byte[200])).substring(0, 6)).isEqualTo("0481c8");
        assertThat(hex(Der.octetString(new byte[300])).substring(0, 8)).isEqualTo("0482012c");
    }

    @Test
    void encodesTheOtherPrimitives() {
        assertThat(hex(Der.integer(BigInteger.valueOf(128)))).isEqualTo("02020080");
        assertThat(hex(Der.bool(true))).isEqualTo("0101ff");
        assertThat(hex(Der.utf8("a"))).isEqualTo("0c0161");
        assertThat(hex(Der.bitString(new byte[] {1}))).isEqualTo("03020001");
        assertThat(hex(Der.utcTime(Instant.parse("2017-06-29T05:27:17Z")))).isEqualTo("170d3137303632393035323731375a");
        assertThat(hex(Der.explicit(3, Der.sequence()))).isEqualTo("a3023000");
        assertThat(hex(Der.set(Der.implicitPrimitive(2, new byte[] {0x61})))).isEqualTo("3103820161");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
