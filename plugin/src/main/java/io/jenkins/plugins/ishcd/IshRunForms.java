package io.jenkins.plugins.ishcd;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.springframework.security.core.Authentication;

/** Form helpers shared by the step's and the build step's descriptors. */
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
     * The global Secret text credentials matching the base URL, for administrators only; others see
     * just the current value.
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
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    static FormValidation checkCredentialsId(@CheckForNull Item item, @CheckForNull String value) {
        if (item == null || !item.hasPermission(Item.CONFIGURE)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return IshCdConfiguration.get().getCredentialsId() == null
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

    static FormValidation checkRequired(@CheckForNull Item item, @CheckForNull String value, String what) {
        if (item == null || !item.hasPermission(Item.CONFIGURE)) {
            return FormValidation.ok();
        }
        return Util.fixEmptyAndTrim(value) == null
                ? FormValidation.error(Messages.IshRunForms_Required(what))
                : FormValidation.ok();
    }

    /**
     * The step's label in the console and in Pipeline views.
     *
     * @param namedArgs the step's arguments as written: {@code env} is a map or a list
     * @return {@code project/job (env: NAMES)}, or null when project or job is missing
     */
    @CheckForNull
    static String label(Map<String, Object> namedArgs) {
        Object project = namedArgs.get("project");
        Object job = namedArgs.get("job");
        if (!(project instanceof String p) || !(job instanceof String j) || p.isBlank() || j.isBlank()) {
            return null;
        }
        return RunReport.label(JobRef.of(p, j), envNames(namedArgs.get("env")));
    }

    private static List<String> envNames(@CheckForNull Object env) {
        List<String> names = new ArrayList<>();
        if (env instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> names.add(String.valueOf(k)));
        } else if (env instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof IshEnvVariable v) {
                    names.add(v.getName());
                } else if (element instanceof UninstantiatedDescribable ud) {
                    names.add(String.valueOf(ud.getArguments().get("name")));
                } else if (element instanceof Map<?, ?> m) {
                    names.add(String.valueOf(m.get("name")));
                }
            }
        }
        return names;
    }
}
