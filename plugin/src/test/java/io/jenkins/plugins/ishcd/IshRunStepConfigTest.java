package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class IshRunStepConfigTest {

    @Test
    void minimalSnippetRoundTrip(JenkinsRule j) throws Exception {
        new SnippetizerTester(j)
                .assertRoundTrip(new IshRunStep("my-corp", "deploy"), "ishRun job: 'deploy', project: 'my-corp'");
    }

    @Test
    void envIsWrittenAsAMap(JenkinsRule j) throws Exception {
        IshRunStep step = new IshRunStep("my-corp", "deploy");
        step.setEnv(List.of(new IshEnvVariable("BRANCH", "main"), new IshEnvVariable("TAG", "v 1")));
        new SnippetizerTester(j)
                .assertRoundTrip(step, "ishRun env: [BRANCH: 'main', TAG: 'v 1'], job: 'deploy', project: 'my-corp'");
    }

    @Test
    void everyFieldSnippetRoundTrip(JenkinsRule j) throws Exception {
        IshRunStep step = new IshRunStep("my-corp", "deploy");
        step.setEnv(List.of(new IshEnvVariable("BRANCH", "main")));
        step.setCredentialsId("other-token");
        step.setWait(false);
        step.setPropagate(false);
        step.setPrintLog(false);
        step.setTimeout(30);
        step.setInitialPollSeconds(5);
        step.setMaxPollSeconds(60);
        step.setExpectedDuration("10m");
        new SnippetizerTester(j)
                .assertRoundTrip(
                        step,
                        "ishRun credentialsId: 'other-token', env: [BRANCH: 'main'], expectedDuration: '10m', "
                                + "initialPollSeconds: 5, job: 'deploy', maxPollSeconds: 60, printLog: false, project: 'my-corp', "
                                + "propagate: false, timeout: 30, wait: false");
    }

    @Test
    void mapAndListFormsInstantiateAlike(JenkinsRule j) throws Exception {
        DescribableModel<IshRunStep> model = DescribableModel.of(IshRunStep.class);
        IshRunStep fromMap = model.instantiate(Map.of("project", "p", "job", "j", "env", Map.of("A", "1")));
        IshRunStep fromList = model.instantiate(
                Map.of("project", "p", "job", "j", "env", List.of(Map.of("name", "A", "value", "1"))));
        j.assertEqualDataBoundBeans(fromList, fromMap);
        assertEquals(List.of(new IshEnvVariable("A", "1")), fromMap.getEnv());
    }

    @Test
    void configRoundTrip(JenkinsRule j) throws Exception {
        IshRunStep step = new IshRunStep("my-corp", "deploy");
        step.setEnv(List.of(new IshEnvVariable("BRANCH", "main"), new IshEnvVariable("TAG", "v1")));
        step.setPropagate(false);
        step.setTimeout(10);
        step.setExpectedDuration("1h30m");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }
}
