package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ishcd.client.BaseUrl;
import io.jenkins.plugins.ishcd.client.ConnectionTest;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdException;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The administrator's settings: which Ish CD API to call, the default token, and the limits of
 * polling and console output. Only administrators set the base URL, so a Jenkinsfile can never
 * send a credential to another host.
 */
@Extension
@Symbol("ishCd")
public final class IshCdConfiguration extends GlobalConfiguration {

    static final int DEFAULT_INITIAL_POLL_SECONDS = 2;
    static final int DEFAULT_MAX_POLL_SECONDS = 30;
    static final int DEFAULT_LOG_CAP_CHARS = 100_000;
    static final int MIN_LOG_CAP_CHARS = 1_000;
    /** The client refuses longer polling intervals: an hour. */
    static final int MAX_POLL_SECONDS = 3_600;

    private String baseUrl = BaseUrl.DEFAULT;
    private String credentialsId;
    private int initialPollSeconds = DEFAULT_INITIAL_POLL_SECONDS;
    private int maxPollSeconds = DEFAULT_MAX_POLL_SECONDS;
    private int logCapChars = DEFAULT_LOG_CAP_CHARS;

    public IshCdConfiguration() {
        load();
    }

    /** @return the singleton */
    @NonNull
    public static IshCdConfiguration get() {
        return ExtensionList.lookupSingleton(IshCdConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.IshCdConfiguration_DisplayName();
    }

    /** @return the API base URL, {@value BaseUrl#DEFAULT} unless changed */
    @NonNull
    public String getBaseUrl() {
        return baseUrl == null ? BaseUrl.DEFAULT : baseUrl;
    }

    /**
     * @param baseUrl an https URL (http only for loopback hosts); blank resets the default
     * @throws IllegalArgumentException if the URL is refused by {@link BaseUrl#parse}
     */
    @DataBoundSetter
    public void setBaseUrl(@CheckForNull String baseUrl) {
        String value = Util.fixEmptyAndTrim(baseUrl);
        this.baseUrl = value == null ? BaseUrl.DEFAULT : BaseUrl.parse(value).toString();
        save();
    }

    /** @return the id of the Secret text credential used when a step names none, or null */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    /** @return the first interval between polls, in seconds; also the shortest a step may ask for */
    public int getInitialPollSeconds() {
        return initialPollSeconds;
    }

    @DataBoundSetter
    public void setInitialPollSeconds(int initialPollSeconds) {
        this.initialPollSeconds = Math.max(1, Math.min(initialPollSeconds, MAX_POLL_SECONDS));
        save();
    }

    /** @return the longest interval between polls, in seconds; also the longest a step may ask for */
    public int getMaxPollSeconds() {
        return Math.max(maxPollSeconds, initialPollSeconds);
    }

    @DataBoundSetter
    public void setMaxPollSeconds(int maxPollSeconds) {
        this.maxPollSeconds = Math.max(1, Math.min(maxPollSeconds, MAX_POLL_SECONDS));
        save();
    }

    /** @return how many characters of a run's log are printed to the console at most */
    public int getLogCapChars() {
        return logCapChars;
    }

    @DataBoundSetter
    public void setLogCapChars(int logCapChars) {
        this.logCapChars = Math.max(MIN_LOG_CAP_CHARS, logCapChars);
        save();
    }

    /** Refuses a bad base URL with a form error before any setter runs. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        String url = json.optString("baseUrl", "");
        if (Util.fixEmptyAndTrim(url) != null) {
            try {
                BaseUrl.parse(url);
            } catch (IllegalArgumentException e) {
                throw new FormException(e.getMessage(), "baseUrl");
            }
        }
        return super.configure(req, json);
    }

    @POST
    public FormValidation doCheckBaseUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        try {
            BaseUrl.parse(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckInitialPollSeconds(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value >= 1 ? FormValidation.ok() : FormValidation.error(Messages.IshCdConfiguration_PollTooShort());
    }

    @POST
    public FormValidation doCheckMaxPollSeconds(@QueryParameter int value, @QueryParameter int initialPollSeconds) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value >= initialPollSeconds
                ? FormValidation.ok()
                : FormValidation.error(Messages.IshCdConfiguration_MaxBelowInitial());
    }

    @POST
    public FormValidation doCheckLogCapChars(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value >= MIN_LOG_CAP_CHARS
                ? FormValidation.ok()
                : FormValidation.error(Messages.IshCdConfiguration_LogCapTooSmall(MIN_LOG_CAP_CHARS));
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String baseUrl, @QueryParameter String credentialsId) {
        return IshRunForms.fillGlobalCredentialsIdItems(baseUrl, credentialsId);
    }

    /**
     * "Test connection": calls the API with the chosen credential and says what happened in words.
     * Administrators only, as it uses a stored secret and makes an outgoing request.
     */
    @POST
    public FormValidation doTestConnection(@QueryParameter String baseUrl, @QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = Util.fixEmptyAndTrim(baseUrl) == null ? BaseUrl.DEFAULT : baseUrl.trim();
        try {
            BaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
        String token;
        try {
            token = IshCdCredentials.globalToken(credentialsId, url);
        } catch (hudson.AbortException e) {
            return FormValidation.error(e.getMessage());
        }
        try (IshCdClient client = IshCdClients.create(url, token)) {
            ConnectionTest.Result result = ConnectionTest.run(client);
            return result.ok() ? FormValidation.ok(result.message()) : FormValidation.error(result.message());
        } catch (IshCdException | IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
