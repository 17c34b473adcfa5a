package io.jenkins.plugins.ishcd;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * A folder's default Ish CD credential: every {@code ishRun} and freestyle build step in the folder
 * (or in a folder below it) that names no {@code credentialsId} uses it. The nearest folder with a
 * default wins; without one, the global default of {@link IshCdConfiguration} applies. Whoever may
 * configure the folder ({@link Item#CONFIGURE}) sets it on the folder's configuration page, in Job DSL
 * ({@code properties { ishCd { credentialsId('team-token') } }}) or in JCasC through Job DSL.
 * The API URL stays the administrator's: a folder chooses only which of its credentials is sent there.
 */
public final class IshCdFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {

    private final String credentialsId;

    /** @param credentialsId the id of a Secret text credential visible from the folder; blank for none */
    @DataBoundConstructor
    public IshCdFolderProperty(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** @return the default credentials id of the folder, or null for none (the folders above decide) */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    /**
     * A folder's default as a step uses it.
     *
     * @param credentialsId the credentials id the folder names
     * @param folder the folder's full name ({@code teams/backend}), for messages
     */
    record FolderDefault(
            @NonNull String credentialsId, @NonNull String folder) {}

    /**
     * @param group the group of the job (its folder), or {@code Jenkins} for a top-level job
     * @return the default of the nearest folder at or above {@code group} that names one, or null
     *     when none does (then the global default applies)
     */
    @CheckForNull
    static FolderDefault nearest(@CheckForNull ItemGroup<?> group) {
        for (ItemGroup<?> g = group; g instanceof AbstractFolder<?> folder; g = folder.getParent()) {
            IshCdFolderProperty property = folder.getProperties().get(IshCdFolderProperty.class);
            if (property != null && property.credentialsId != null) {
                return new FolderDefault(property.credentialsId, folder.getFullName());
            }
        }
        return null;
    }

    @Extension
    @Symbol("ishCd")
    public static final class DescriptorImpl extends AbstractFolderPropertyDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.IshCdFolderProperty_DisplayName();
        }

        /** An empty id keeps no property in the folder's configuration: the folders above decide. */
        @Override
        public AbstractFolderProperty<?> newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            AbstractFolderProperty<?> property = super.newInstance(req, formData);
            return property instanceof IshCdFolderProperty p && p.credentialsId == null ? null : property;
        }

        /** The Secret text credentials visible from the folder, to those who may configure it. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return IshRunForms.fillCredentialsIdItems(item, credentialsId);
        }

        /** An id that builds in the folder could not use is an error naming the folder and the id. */
        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            String id = Util.fixEmptyAndTrim(value);
            if (!(item instanceof AbstractFolder<?> folder) || !folder.hasPermission(Item.CONFIGURE) || id == null) {
                return FormValidation.ok();
            }
            String problem = IshCdCredentials.problemIn(
                    folder,
                    id,
                    IshCdConfiguration.get().getBaseUrl(),
                    Messages.IshCdFolderProperty_Missing(id, folder.getFullName()));
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
