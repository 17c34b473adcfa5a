package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the docs' examples the ones the tests run: a test runs a script and checks, with this, that the
 * docs show it character for character.
 */
final class DocSnippets {

    private DocSnippets() {}

    /**
     * @param snippet the script a test runs, as a code block of the docs shows it (no fence)
     * @param docs files relative to the repository root, e.g. {@code docs/pipeline.md}
     * @throws IOException when a file cannot be read
     * @throws AssertionError naming the first file that does not show the snippet
     */
    static void assertShownIn(String snippet, String... docs) throws IOException {
        Path root = repositoryRoot();
        for (String doc : docs) {
            String text = Files.readString(root.resolve(doc));
            assertTrue(text.contains(snippet), doc + " does not show the tested script:\n" + snippet);
        }
    }

    /** Tests run in {@code plugin/} (Surefire's working directory is the module's); the docs are one up. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("No docs/ and README.md above " + here);
    }
}
