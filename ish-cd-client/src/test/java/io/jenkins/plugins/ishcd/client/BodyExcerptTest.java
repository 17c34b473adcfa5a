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
