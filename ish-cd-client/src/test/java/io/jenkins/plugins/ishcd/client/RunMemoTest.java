package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class RunMemoTest {

    @Test
    void survivesSerializationWithWhatAResumeNeeds() throws Exception {
        RunMemo memo = RunMemo.of(JobRef.of("my-corp", "deploy"));
        memo.sendingTrigger();
        memo.baseUrl("https://ish.example.com/v1");
        memo.created(new Run("r-1", "queued", 0, null, null, null), 1_000L);
        memo.lastStatus("running");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(memo);
        }
        RunMemo back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (RunMemo) in.readObject();
        }
        assertThat(back.job()).isEqualTo(JobRef.of("my-corp", "deploy"));
        assertThat(back.triggerSent()).isTrue();
        assertThat(back.runId()).isEqualTo("r-1");
        assertThat(back.lastStatus()).isEqualTo("running");
        assertThat(back.baseUrl()).isEqualTo("https://ish.example.com/v1");
        assertThat(back.triggeredAtMillis()).isEqualTo(1_000L);
        assertThat(back).hasToString("RunMemo[my-corp/deploy, r-1]");
    }

    @Test
    void saysWhetherATriggerWasSentBeforeAnIdIsKnown() {
        RunMemo memo = RunMemo.of(JobRef.of("p", "j"));
        assertThat(memo).hasToString("RunMemo[p/j, not triggered]");
        memo.sendingTrigger();
        assertThat(memo.runId()).isNull();
        assertThat(memo).hasToString("RunMemo[p/j, triggered]");
        assertThatThrownBy(() -> RunMemo.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
