// Run by Jenkins at start (JENKINS_HOME/init.groovy.d): the setup the screenshots show. retake.sh passes
// the Jenkins URL, the emulator's base URL and the paths of its token file and of the throw-away admin
// password in the environment; the token goes only into the credential, never into a job, a log or a file.
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import com.cloudbees.plugins.credentials.domains.Domain
import hudson.security.FullControlOnceLoggedInAuthorizationStrategy
import hudson.security.HudsonPrivateSecurityRealm
import hudson.util.Secret
import io.jenkins.plugins.ishcd.IshCdConfiguration
import jenkins.model.Jenkins
import jenkins.model.JenkinsLocationConfiguration
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob

def jenkins = Jenkins.get()
def realm = new HudsonPrivateSecurityRealm(false)
realm.createAccount('admin', new File(System.getenv('ISH_SHOTS_PASSWORD_FILE')).text.trim())
jenkins.setSecurityRealm(realm)
jenkins.setAuthorizationStrategy(new FullControlOnceLoggedInAuthorizationStrategy())
jenkins.setNumExecutors(0) // Pipeline steps that need no node run without an executor
jenkins.save()
def location = JenkinsLocationConfiguration.get()
location.setUrl(System.getenv('ISH_SHOTS_JENKINS_URL'))
location.save()

def token = new File(System.getenv('ISH_SHOTS_TOKEN_FILE')).text.trim()
SystemCredentialsProvider.getInstance().getStore().addCredentials(Domain.global(),
        new StringCredentialsImpl(CredentialsScope.GLOBAL, 'ish-cd-token', 'Ish CD API token', Secret.fromString(token)))
def config = IshCdConfiguration.get()
config.setBaseUrl(System.getenv('ISH_SHOTS_BASE_URL'))
config.setCredentialsId('ish-cd-token')
config.save()

def pipeline = { String name, String script ->
    def job = jenkins.getItem(name) ?: jenkins.createProject(WorkflowJob, name)
    job.setDefinition(new CpsFlowDefinition(script, true))
    job.save()
}
pipeline('deploy', '''\
def run = ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main']
echo "Ish CD run ${run.id} ended ${run.status} after ${run.duration} s"
''')
pipeline('release', '''\
// the backup goes on while the deploy and the cache clear run side by side
def backup = ishRun project: 'my-corp', job: 'backup', env: [TARGET: 'db'], wait: false
parallel(
    deploy: { ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main'] },
    caches: { ishRun project: 'my-corp', job: 'cache-clear' })
def result = ishWait run: backup, propagate: false
echo "The backup ended ${result.status}"
''')
println 'ish-cd screenshots: credential ish-cd-token, the global configuration and the jobs deploy and release are set up'
