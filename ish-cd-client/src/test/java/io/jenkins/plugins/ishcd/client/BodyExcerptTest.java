package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyExcerptTest {
    @Test
    void htmlPageBecomesItsShortText() {
        String page = "<html><head><title>502 Bad Gateway</title><style>body{x:y}</style></head>"
                + "<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n"
                + "<script>alert(1)</script></body></html>";
        assertThat(BodyExcerpt.of(page)).isEqualTo("502 Bad Gateway nginx");
    }

    @Test
    void nginxsPageWithCarriageReturnsReadsAsText() {
        // Word for word what nginx sends; its \r used to show as "? ? ? 502 Bad Gateway ? nginx ? ? ?".
        String page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        assertThat(BodyExcerpt.of(page)).isEqualTo("502 Bad Gateway nginx");
    }

    @Test
    void characterReferencesAndControlCharactersAreCleaned() {
        assertThat(BodyExcerpt.of("<p>Don&#39;t &quot;retry&quot; &#x2014; &amp; wait&hellip;</p>"))
                .isEqualTo("Don't \"retry\" \u2014 & wait&hellip;");
        assertThat(BodyExcerpt.of("busy\u001b[2J\u0007 now &#27;[31m")).isEqualTo("busy [2J now [31m");
        assertThat(BodyExcerpt.of("{\"message\": \"line one\\r\\nline two\"}")).isEqualTo("line one line two");
    }

    @Test
    void jsonMessageFieldIsPreferred() {
        assertThat(BodyExcerpt.of("{\"message\": \"Access denied\", \"code\": 7}")).isEqualTo("Access denied");
        assertThat(BodyExcerpt.of("{\"other\": 1}")).isEqualTo("{\"other\": 1}");
    }

    @Test
    void longBodiesAreCutToOneShortLine() {
        String big = "<p>" + "word ".repeat(100_000) + "</p>";
        String excerpt = BodyExcerpt.of(big);
        assertThat(excerpt).hasSize(BodyExcerpt.MAX).endsWith("…").doesNotContain("\n");
        assertThat(BodyExcerpt.of("")).isEmpty();
        assertThat(BodyExcerpt.of(null)).isEmpty();
    }
}
