package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ishcd.client.AuthenticationException;
import io.jenkins.plugins.ishcd.client.CommunicationException;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.NotFoundException;
import io.jenkins.plugins.ishcd.client.RequestRejectedException;
import io.jenkins.plugins.ishcd.client.WaitTimeoutException;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
    private static final JobRef JOB = JobRef.of("my-corp", "deploy");

    @Test
    void eachKindOfFailureHasItsCode() {
        assertThat(ExitCode.of(new IllegalArgumentException("bad"))).isEqualTo(2);
        assertThat(ExitCode.of(new AuthenticationException("refused", 401, JOB, null, null))).isEqualTo(3);
        assertThat(ExitCode.of(new NotFoundException("none", 404, JOB, null, null))).isEqualTo(4);
        assertThat(ExitCode.of(new WaitTimeoutException("late", JOB, "r1", null))).isEqualTo(5);
        assertThat(ExitCode.of(new RequestRejectedException("no", 409, JOB, null, null))).isEqualTo(6);
        assertThat(ExitCode.of(new RequestRejectedException("too large", 413, JOB, null, null))).isEqualTo(2);
        assertThat(ExitCode.of(new RequestRejectedException("bad env", 400, JOB, null, null))).isEqualTo(2);
        assertThat(ExitCode.of(new CommunicationException("down", 0, JOB, null, null))).isEqualTo(6);
        assertThat(ExitCode.of(new IllegalStateException("bug"))).isEqualTo(6);
    }
}
