package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The one-line messages of the command line for ordinary mistakes. */
class EmulatorMainDescribeTest {
    @Test
    void portInUseSaysWhatToDo() {
        String line = EmulatorMain.describe(new UncheckedIOException(new BindException("Address already in use")));
        assertThat(line).startsWith("cannot listen on that port (Address already in use)").contains("--port");
    }

    @Test
    void missingConfigFileIsNamed() {
        String line = EmulatorMain.describe(new UncheckedIOException(new NoSuchFileException("/nope.yml")));
        assertThat(line).isEqualTo("the config file /nope.yml does not exist: give the path of a YAML or JSON file,"
                + " or leave --config out for the demo projects.");
    }

    @Test
    void otherFailuresKeepTheirSentence() {
        assertThat(EmulatorMain.describe(new IllegalArgumentException("Unknown outcome 'maybe': use 'complete' or 'error'")))
                .isEqualTo("Unknown outcome 'maybe': use 'complete' or 'error'.");
    }
}
