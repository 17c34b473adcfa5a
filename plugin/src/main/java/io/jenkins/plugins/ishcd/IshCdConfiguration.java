package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ishcd.client.AdminLimits;
import io.jenkins.plugins.ishcd.client.BaseUrl;
import io.jenkins.plugins.ishcd.client.RequestLimits;
import java.io.IOException;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The administrator's settings: which Ish CD API to call, the default token, the limits of polling
 * and console output, and how many requests per second and at once this Jenkins sends to that API.
 * Only administrators set the base URL, so a Jenkinsfile can never send a credential to another host.
 * Setters refuse what the form refuses ({@link AdminLimits}, {@link BaseUrl#parse}), so
 * Configuration as Code does too; a form submit or a JCasC run saves once.
 */
@Extension
@Symbol("ishCd")
public final class IshCdConfiguration extends GlobalConfiguration {

    static final int DEFAULT_INITIAL_POLL_SECONDS = 2;
    static final int DEFAULT_MAX_POLL_SECONDS = 30;
    static final int DEFAULT_LOG_CAP_CHARS = 100_000;

    private String baseUrl = BaseUrl.DEFAULT;
    private String credentialsId;
    private int initialPollSeconds = DEFAULT_INITIAL_POLL_SECONDS;
    private int maxPollSeconds = DEFAULT_MAX_POLL_SECONDS;
    private int logCapChars = DEFAULT_LOG_CAP_CHARS;
    private int requestsPerSecond = RequestLimits.DEFAULT_REQUESTS_PER_SECOND;
    private int maxRequestsInFlight = RequestLimits.DEFAULT_MAX_IN_FLIGHT;

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

    /** @param seconds 1 to 3600 @throws IllegalArgumentException otherwise, with {@link AdminLimits}' sentence */
    @DataBoundSetter
    public void setInitialPollSeconds(int seconds) {
        this.initialPollSeconds = AdminLimits.firstPollSeconds(seconds);
        save();
    }

    /** @return the longest interval between polls, in seconds, never below the first; also the longest a step may ask for */
    public int getMaxPollSeconds() {
        return Math.max(maxPollSeconds, initialPollSeconds);
    }

    /** @param seconds 1 to 3600; below the first interval it counts as the first @throws IllegalArgumentException otherwise */
    @DataBoundSetter
    public void setMaxPollSeconds(int seconds) {
        this.maxPollSeconds = AdminLimits.longestPollSeconds(seconds);
        save();
    }

    /** @return how many characters of a run's log are printed to the console at most */
    public int getLogCapChars() {
        return logCapChars;
    }

    /** @param chars at least 1000 @throws IllegalArgumentException otherwise */
    @DataBoundSetter
    public void setLogCapChars(int chars) {
        this.logCapChars = AdminLimits.logCapChars(chars);
        save();
    }

    /** @return the most requests per second sent to the base URL, {@value RequestLimits#DEFAULT_REQUESTS_PER_SECOND} by default */
    public int getRequestsPerSecond() {
        return requestsPerSecond;
    }

    /** @param perSecond 1 to {@value RequestLimits#MAX_REQUESTS_PER_SECOND} @throws IllegalArgumentException otherwise */
    @DataBoundSetter
    public void setRequestsPerSecond(int perSecond) {
        this.requestsPerSecond = AdminLimits.requestsPerSecond(perSecond);
        save();
    }

    /** @return the most requests under way at once to the base URL, {@value RequestLimits#DEFAULT_MAX_IN_FLIGHT} by default */
    public int getMaxRequestsInFlight() {
        return maxRequestsInFlight;
    }

    /** @param inFlight 1 to {@value RequestLimits#MAX_IN_FLIGHT} @throws IllegalArgumentException otherwise */
    @DataBoundSetter
    public void setMaxRequestsInFlight(int inFlight) {
        this.maxRequestsInFlight = AdminLimits.maxInFlight(inFlight);
        save();
    }

    /** @return the request limits of the base URL, as the scheduler applies them */
    @NonNull
    RequestLimits requestLimits() {
        return RequestLimits.of(requestsPerSecond, maxRequestsInFlight);
    }

    /** Saves (deferred inside a {@link BulkChange}) and applies the request limits. */
    @Override
    public synchronized void save() {
        super.save();
        if (!BulkChange.contains(this)) {
            IshCdClients.limit(getBaseUrl(), requestLimits());
        }
    }

    @Override
    public synchronized void load() {
        super.load();
        IshCdClients.limit(getBaseUrl(), requestLimits());
    }

    /** Refuses a bad value with a form error before any setter runs; then binds all and saves once. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        IshRunForms.checkAdminForm(json);
        try (BulkChange bc = new BulkChange(this)) {
            req.bindJSON(this, json);
            bc.commit();
        } catch (IOException e) {
            throw new FormException(e, "baseUrl");
        }
        return true;
    }

    @POST
    public FormValidation doCheckBaseUrl(@QueryParameter String value) {
        return IshRunForms.checkAdmin(() -> BaseUrl.parse(IshRunForms.url(value)));
    }

    @POST
    public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String baseUrl) {
        return IshRunForms.checkGlobalCredentialsId(value, baseUrl);
    }

    @POST
    public FormValidation doCheckInitialPollSeconds(@QueryParameter int value) {
        return IshRunForms.checkAdmin(() -> AdminLimits.firstPollSeconds(value));
    }

    @POST
    public FormValidation doCheckMaxPollSeconds(@QueryParameter int value, @QueryParameter int initialPollSeconds) {
        FormValidation range = IshRunForms.checkAdmin(() -> AdminLimits.longestPollSeconds(value));
        String below = AdminLimits.longestBelowFirst(initialPollSeconds, value);
        return range.kind == FormValidation.Kind.OK && below != null ? FormValidation.warning(below) : range;
    }

    @POST
    public FormValidation doCheckLogCapChars(@QueryParameter int value) {
        return IshRunForms.checkAdmin(() -> AdminLimits.logCapChars(value));
    }

    @POST
    public FormValidation doCheckRequestsPerSecond(@QueryParameter int value) {
        return IshRunForms.checkAdmin(() -> AdminLimits.requestsPerSecond(value));
    }

    @POST
    public FormValidation doCheckMaxRequestsInFlight(@QueryParameter int value) {
        return IshRunForms.checkAdmin(() -> AdminLimits.maxInFlight(value));
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
        return IshRunForms.testConnection(baseUrl, credentialsId);
    }
}
