package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorPagesTest {

    @Test
    void gatewayErrorsLookLikeNginxPages() {
        assertThat(ErrorPages.html(502)).contains("<title>502 Bad Gateway</title>").contains("<center>nginx</center>");
        assertThat(ErrorPages.html(504)).contains("504 Gateway Time-out");
    }

    @Test
    void serverErrorLooksLikeTheSitesPage() {
        assertThat(ErrorPages.html(500)).contains("The website encountered an unexpected error").doesNotContain("nginx");
        assertThat(ErrorPages.reason(418)).isEqualTo("Error");
    }
}
