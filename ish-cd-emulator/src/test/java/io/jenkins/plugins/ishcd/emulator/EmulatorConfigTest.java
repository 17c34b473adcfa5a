package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorConfigTest {

    @Test
    void yamlDefinesProjectsJobsTimingsOutcomesAndLogs() throws IOException {
        ProjectSpec project = read("""
                projects:
                  - machine_name: my-corp
                    id: "42"
                    label: My Corp
                    jobs:
                      - machine_name: deploy
                        id: j1
                        label: Deploy
                        queued_seconds: 2
                        running_seconds: 0.5
                        outcome: error
                        log: |
                          deploying ${BRANCH}
                      - machine_name: cache-clear
                """).get(0);

        assertThat(project.machineName()).isEqualTo("my-corp");
        assertThat(project.id()).isEqualTo("42");
        assertThat(project.label()).isEqualTo("My Corp");
        JobSpec deploy = project.jobs().get(0);
        assertThat(deploy.id()).isEqualTo("j1");
        assertThat(deploy.label()).isEqualTo("Deploy");
        assertThat(deploy.queuedFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(deploy.runningFor()).isEqualTo(Duration.ofMillis(500));
        assertThat(deploy.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(deploy.log()).isEqualTo("deploying ${BRANCH}\n");
        JobSpec defaults = project.jobs().get(1);
        assertThat(defaults.outcome()).isEqualTo(Outcome.COMPLETE);
        assertThat(defaults.label()).isEqualTo("cache-clear");
        assertThat(defaults.log()).isNull();
    }

    @Test
    void jsonIsReadToo() throws IOException {
        List<ProjectSpec> projects = read("{\"projects\": [{\"machine_name\": \"p\", \"jobs\": [{\"machine_name\": \"j\", \"running_seconds\": 26}]}]}");

        assertThat(projects.get(0).jobs().get(0).runningFor()).isEqualTo(Duration.ofSeconds(26));
    }

    @Test
    void settingsAndEnvDependenciesAreRead() throws IOException {
        EmulatorConfig config = EmulatorConfig.read(new ByteArrayInputStream("""
                threads: 8
                idle_timeout_seconds: 0.25
                journal_limit: 0
                projects:
                  - machine_name: bench
                    jobs:
                      - machine_name: release
                        dependencies:
                          env: {TAG: required, NOTES: optional}
                """.getBytes(StandardCharsets.UTF_8)), "bench.yaml");

        assertThat(config.threads()).isEqualTo(8);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.journalLimit()).isZero();
        assertThat(config.projects().get(0).build().jobs().get(0).envDependencies())
                .containsExactly(java.util.Map.entry("TAG", "required"), java.util.Map.entry("NOTES", "optional"));
        assertThat(read("projects: []\n")).isEmpty();
        assertThat(EmulatorConfig.read(new ByteArrayInputStream("projects: []".getBytes(StandardCharsets.UTF_8)), "x").threads()).isNull();
    }

    @Test
    void mistakesAreRefusedWithTheFileNameAndTheCause() {
        assertThatThrownBy(() -> read("projects:\n  - machine_name: p\n    jobs:\n      - machine_name: j\n        runing_seconds: 3\n"))
                .hasMessageContaining("test.yaml").hasMessageContaining("unknown key 'runing_seconds'");
        assertThatThrownBy(() -> read("projects:\n  - label: x\n")).hasMessageContaining("'machine_name' is required");
        assertThatThrownBy(() -> read("projects:\n  - machine_name: p\n    jobs:\n      - machine_name: j\n        queued_seconds: soon\n"))
                .hasMessageContaining("'queued_seconds' must be a number of seconds");
        assertThatThrownBy(() -> read("projects:\n  - machine_name: p\n    jobs:\n      - machine_name: j\n        outcome: paused\n"))
                .hasMessageContaining("Unknown outcome 'paused'");
        assertThatThrownBy(() -> read("jobs: []\n")).hasMessageContaining("'projects' list");
        assertThatThrownBy(() -> read("projects: [\n")).hasMessageContaining("neither YAML nor JSON");
        assertThatThrownBy(() -> read("threads: 0\nprojects: []\n")).hasMessageContaining("'threads' must be a whole number of 1 or more, not 0");
        assertThatThrownBy(() -> read("idle_timeout_seconds: soon\nprojects: []\n")).hasMessageContaining("'idle_timeout_seconds' must be a number of seconds");
        assertThatThrownBy(() -> read("projects:\n  - machine_name: p\n    jobs:\n      - machine_name: j\n        dependencies: {env: {A: maybe}}\n"))
                .hasMessageContaining("env variable 'A' must be 'required' or 'optional', not \"maybe\"");
        assertThatThrownBy(() -> read("projects:\n  - machine_name: p\n    jobs:\n      - machine_name: j\n        dependencies: {vars: {}}\n"))
                .hasMessageContaining("unknown key 'vars'");
    }

    @Test
    void builtInDemoHasTheThreeDemoJobs() throws IOException {
        try (var in = IshCdEmulatorBuilder.class.getResourceAsStream(IshCdEmulatorBuilder.DEMO_RESOURCE)) {
            ProjectSpec demo = EmulatorConfig.read(in, "demo").projects().get(0).build();

            assertThat(demo.machineName()).isEqualTo("my-corp");
            assertThat(demo.jobs()).extracting(JobSpec::machineName).containsExactly("deploy", "cache-clear", "backup");
            assertThat(demo.jobs()).extracting(JobSpec::outcome).containsExactly(Outcome.COMPLETE, Outcome.COMPLETE, Outcome.ERROR);
            assertThat(demo.jobs().get(0).log()).contains("${BRANCH}");
            assertThat(demo.jobs().get(0).envDependencies()).containsExactly(java.util.Map.entry("BRANCH", "required"));
            assertThat(demo.jobs().get(2).envDependencies()).containsExactly(java.util.Map.entry("TARGET", "optional"));
        }
    }

    private static List<ProjectSpec> read(String content) throws IOException {
        return EmulatorConfig.read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "test.yaml")
                .projects().stream().map(ProjectSpec.Builder::build).toList();
    }
}
