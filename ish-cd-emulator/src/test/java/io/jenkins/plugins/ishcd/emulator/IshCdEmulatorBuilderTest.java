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
        assertThatThrownBy(() -> builder.journalLimit(-1)).hasMessage("A journal limit is 0 or more, not -1");
        assertThatThrownBy(() -> builder.project("p", p -> p.job("j", j -> j.requiredEnv("1BAD"))))
                .hasMessageContaining("'1BAD'");
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
    void configFileSettingsApplyAndALaterCallWins(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ish.yaml"), "journal_limit: 1\nthreads: 3\nprojects: []\n");

        IshCdEmulatorBuilder builder = IshCdEmulator.builder().config(file);
        assertThat(builder.threads).isEqualTo(3);
        try (IshCdEmulator emulator = builder.threads(5).start()) {
            assertThat(builder.threads).isEqualTo(5);
            assertThat(emulator.journal().limit()).isEqualTo(1);
        }
    }

    @Test
    void aStateFolderKeepsTokensValidAcrossRestarts(@TempDir Path dir) throws Exception {
        String token;
        try (IshCdEmulator first = IshCdEmulator.builder().stateDirectory(dir.resolve("state")).start()) {
            token = first.issueToken("pipeline");
        }
        try (IshCdEmulator second = IshCdEmulator.builder().stateDirectory(dir.resolve("state")).start()) {
            assertThat(new TestHttp(second).get("/projects", token).statusCode()).isEqualTo(200);
            assertThat(second.journal().last().tokenName()).isEqualTo("pipeline");
        }
        try (IshCdEmulator other = IshCdEmulator.builder().start()) {
            assertThat(new TestHttp(other).get("/projects", token).statusCode()).isEqualTo(403);
        }
        Files.writeString(dir.resolve("state").resolve(TokenService.SECRET_FILE), "not a key");
        assertThatThrownBy(() -> IshCdEmulator.builder().stateDirectory(dir.resolve("state")).start())
                .hasMessageContaining("does not hold a signing key: delete it");
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
