package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IshCdEmulatorBuilderTest {

    @Test
    void invalidSettingsAreRefused() {
        IshCdEmulatorBuilder builder = IshCdEmulator.builder();
        assertThatThrownBy(() -> builder.port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.authFailureStatus(500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.triggerStatus(302)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.threads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.project(" ", p -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.project("p", p -> p.job("j", j -> j.runningFor(Duration.ofSeconds(-1)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configFileAddsItsProjects(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ish.yaml"), "projects:\n  - machine_name: from-file\n    jobs:\n      - machine_name: j\n");

        try (IshCdEmulator emulator = IshCdEmulator.builder().config(file).project("from-code", p -> { }).start()) {
            assertThat(emulator.projects()).extracting(ProjectSpec::machineName).containsExactly("from-file", "from-code");
        }
        assertThatThrownBy(() -> IshCdEmulator.builder().config(dir.resolve("missing.yaml"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void busyPortIsReported() {
        try (IshCdEmulator first = IshCdEmulator.builder().start()) {
            assertThatThrownBy(() -> IshCdEmulator.builder().port(first.port()).start())
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining(":" + first.port());
        }
    }

    @Test
    void globalFaultsCanBeSetFromTheStart() {
        try (IshCdEmulator emulator = IshCdEmulator.builder().faults(f -> f.failNext(1, 503)).start()) {
            TestHttp http = new TestHttp(emulator);
            assertThat(http.get("/projects", emulator.issueToken("t")).statusCode()).isEqualTo(503);
        }
    }
}
