package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlTest {
    @Test
    void httpsIsAcceptedAndTrailingSlashesDropped() {
        assertThat(BaseUrl.parse("https://api.ish-cd.com/v1//")).isEqualTo(URI.create("https://api.ish-cd.com/v1"));
        assertThat(BaseUrl.parse(BaseUrl.DEFAULT).toString()).isEqualTo(BaseUrl.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/v1", "http://127.0.0.1:1/v1", "http://127.3.4.5/v1", "http://[::1]:9/v1"})
    void plainHttpIsAcceptedForLoopback(String url) {
        assertThat(BaseUrl.parse(url).getScheme()).isEqualTo("http");
    }

    @Test
    void plainHttpElsewhereIsRefusedWithTheFix() {
        assertThatThrownBy(() -> BaseUrl.parse("http://api.ish-cd.com/v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The Ish CD API URL 'http://api.ish-cd.com/v1' uses plain http: Ish CD requires https"
                        + " (http is allowed only for localhost), so use https://api.ish-cd.com/v1.");
        // A name is not trusted because it resolves to loopback today.
        assertThatThrownBy(() -> BaseUrl.parse("http://localhost.example.com/v1")).hasMessageContaining("plain http");
        assertThatThrownBy(() -> BaseUrl.parse("http://10.0.0.1/v1")).hasMessageContaining("plain http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://me:s3cretTOKEN@api.ish-cd.com/v1", "https://api.ish-cd.com/v1?token=s3cretTOKEN",
            "http://me:s3cretTOKEN@api.ish-cd.com/v1", "https://me:s3cretTOKEN@bad host/v1?token=s3cretTOKEN"})
    void secretsInAUrlAreNeverQuoted(String url) {
        assertThatThrownBy(() -> BaseUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cretTOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "ftp://x/v1", "api.ish-cd.com/v1", "https://", "https://h/v1?x=1",
            "https://user@h/v1", "https://h/v1#f", "https://h /v1", "http://127.0.0.1:99999/v1"})
    void malformedUrlsAreRefused(String url) {
        assertThatThrownBy(() -> BaseUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The Ish CD API URL");
    }
}
