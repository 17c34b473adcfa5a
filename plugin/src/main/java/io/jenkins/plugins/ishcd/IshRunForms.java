package io.jenkins.plugins.ishcd;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ishcd.client.AdminLimits;
import io.jenkins.plugins.ishcd.client.BaseUrl;
import io.jenkins.plugins.ishcd.client.ConnectionTest;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdException;
import java.util.function.IntUnaryOperator;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/** Form helpers of the step's, the build step's and the global configuration's descriptors. */
final class IshRunForms {

    private IshRunForms() {}

    static ListBoxModel fillCredentialsIdItems(@CheckForNull Item item, @CheckForNull String credentialsId) {
        if (item == null) {
            // The global Snippet Generator: administrators see the global credentials.
            return fillGlobalCredentialsIdItems(IshCdConfiguration.get().getBaseUrl(), credentialsId);
        }
        StandardListBoxModel result = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (!item.hasPermission(Item.CONFIGURE)) {
            return result.includeCurrentValue(current);
        }
        Authentication auth = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        return result.includeEmptyValue()
                .includeMatchingAs(
                        auth,
                        item,
                        StringCredentials.class,
                        URIRequirementBuilder.fromUri(IshCdConfiguration.get().getBaseUrl())
                                .build(),
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /**
     * The Global (not System-scoped: builds cannot use those) Secret text credentials of Jenkins
     * matching the base URL, for administrators only; others see just the current value.
     */
    static ListBoxModel fillGlobalCredentialsIdItems(@CheckForNull String baseUrl, @CheckForNull String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2,
                        Jenkins.get(),
                        StringCredentials.class,
                        URIRequirementBuilder.fromUri(baseUrl).build(),
                        CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM)))
                .includeCurrentValue(current);
    }

    static FormValidation checkCredentialsId(@CheckForNull Item item, @CheckForNull String value) {
        if (item == null || !item.hasPermission(Item.CONFIGURE)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            // A Snippet Generator of a folder (a multibranch project) sees that folder's default too.
            ItemGroup<?> group = item instanceof ItemGroup<?> g ? g : item.getParent();
            return IshCdConfiguration.get().getCredentialsId() == null && IshCdFolderProperty.nearest(group) == null
                    ? FormValidation.warning(Messages.IshCdCredentials_NoId())
                    : FormValidation.ok();
        }
        if (id.startsWith("${")) {
            return FormValidation.ok();
        }
        Authentication auth = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        boolean found = !CredentialsProvider.listCredentialsInItem(
                        StringCredentials.class,
                        item,
                        auth,
                        URIRequirementBuilder.fromUri(IshCdConfiguration.get().getBaseUrl())
                                .build(),
                        CredentialsMatchers.withId(id))
                .isEmpty();
        return found ? FormValidation.ok() : FormValidation.error(Messages.IshCdCredentials_Missing(id));
    }

    /** @return OK for none, else whether the client reads it as a run's expected duration, with its sentence */
    static FormValidation checkExpectedDuration(@CheckForNull String value) {
        try {
            IshRunSettings.expectedDuration(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    // ---- the global configuration: administrators only ----

    /** @return OK, or the sentence of the {@link IllegalArgumentException} that {@code check} threw */
    static FormValidation checkAdmin(Runnable check) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            check.run();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The default credential: a System-scoped or non-Secret-text one is an error, one not global a warning. */
    static FormValidation checkGlobalCredentialsId(@CheckForNull String value, @CheckForNull String baseUrl) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.ok();
        }
        String problem = IshCdCredentials.globalProblem(id, url(baseUrl));
        if (problem == null) {
            return FormValidation.ok();
        }
        return problem.equals(Messages.IshCdCredentials_Missing(id))
                ? FormValidation.warning(problem) // a folder may hold a credential with this id
                : FormValidation.error(problem);
    }

    /** Refuses, before anything is bound, what the setters and the checks above refuse. */
    static void checkAdminForm(JSONObject json) throws FormException {
        String url = json.optString("baseUrl", "");
        try {
            BaseUrl.parse(url(url));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "baseUrl");
        }
        checkNumber(json, "initialPollSeconds", AdminLimits::firstPollSeconds);
        checkNumber(json, "maxPollSeconds", AdminLimits::longestPollSeconds);
        checkNumber(json, "logCapChars", AdminLimits::logCapChars);
        checkNumber(json, "requestsPerSecond", AdminLimits::requestsPerSecond);
        checkNumber(json, "maxRequestsInFlight", AdminLimits::maxInFlight);
        String id = Util.fixEmptyAndTrim(json.optString("credentialsId", ""));
        String problem = id == null ? null : IshCdCredentials.globalProblem(id, url(url));
        if (problem != null && !problem.equals(Messages.IshCdCredentials_Missing(id))) {
            throw new FormException(problem, "credentialsId");
        }
    }

    private static void checkNumber(JSONObject json, String field, IntUnaryOperator rule) throws FormException {
        if (!json.has(field)) {
            return;
        }
        try {
            rule.applyAsInt(Integer.parseInt(json.getString(field).trim()));
        } catch (NumberFormatException e) {
            throw new FormException(Messages.IshRunForms_NotANumber(field), field);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), field);
        }
    }

    /** "Test connection": calls the API with the chosen global credential and says what happened. */
    static FormValidation testConnection(@CheckForNull String baseUrl, @CheckForNull String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = url(baseUrl);
        try {
            BaseUrl.parse(url);
            String token = IshCdCredentials.globalToken(credentialsId, url);
            try (IshCdClient client = IshCdClients.create(url, token)) {
                ConnectionTest.Result result = ConnectionTest.run(client);
                return result.ok() ? FormValidation.ok(result.message()) : FormValidation.error(result.message());
            }
        } catch (AbortException | IshCdException | IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** @return the URL given, or the default one when blank */
    static String url(@CheckForNull String baseUrl) {
        String url = Util.fixEmptyAndTrim(baseUrl);
        return url == null ? BaseUrl.DEFAULT : url;
    }
}
