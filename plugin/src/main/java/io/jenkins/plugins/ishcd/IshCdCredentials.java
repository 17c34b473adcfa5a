package io.jenkins.plugins.ishcd;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Finds the Ish CD API token: a "Secret text" credential chosen by id, looked up in the context of
 * the build (so folder-scoped credentials work) with the base URL's domain requirements.
 * The token is read when a request is about to be made and is never stored by this plugin.
 * A System-scoped credential is for Jenkins itself: builds cannot use it, so the global settings
 * neither offer nor accept one.
 */
final class IshCdCredentials {

    private IshCdCredentials() {}

    /**
     * @param run the build using the token; its use of the credential is tracked
     * @param credentialsId the credential id, or a {@code ${PARAMETER}} expression
     * @param folder the full name of the folder whose default {@code credentialsId} is
     *     ({@link IshCdFolderProperty}), or null when the step or the global settings named it
     * @param baseUrl the API base URL, for domain requirements
     * @return the token
     * @throws AbortException with one sentence naming the id (and the folder) and the fix when none fits
     */
    @NonNull
    static String token(
            @NonNull Run<?, ?> run,
            @CheckForNull String credentialsId,
            @CheckForNull String folder,
            @NonNull String baseUrl)
            throws AbortException {
        String id = requireId(credentialsId);
        List<DomainRequirement> requirements =
                URIRequirementBuilder.fromUri(baseUrl).build();
        StringCredentials credential =
                CredentialsProvider.findCredentialById(id, StringCredentials.class, run, requirements);
        if (credential == null) {
            if (CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, requirements) != null) {
                throw new AbortException(Messages.IshCdCredentials_WrongType(id));
            }
            throw new AbortException(
                    systemScoped(id, baseUrl) != null
                            ? Messages.IshCdCredentials_SystemScoped(id)
                            : folder != null
                                    ? Messages.IshCdCredentials_FolderMissing(id, folder)
                                    : Messages.IshCdCredentials_Missing(id));
        }
        CredentialsProvider.track(run, credential);
        return plain(credential, id);
    }

    /**
     * For "Test connection": a Global credential of Jenkins itself, no build involved.
     *
     * @throws AbortException with one sentence when there is none a build could use
     */
    @NonNull
    static String globalToken(@CheckForNull String credentialsId, @NonNull String baseUrl) throws AbortException {
        String id = requireId(credentialsId);
        StringCredentials credential = global(StringCredentials.class, id, baseUrl);
        String problem = globalProblem(id, baseUrl);
        if (problem != null || credential == null) {
            throw new AbortException(problem != null ? problem : Messages.IshCdCredentials_Missing(id));
        }
        return plain(credential, id);
    }

    /**
     * @return why builds could not use the global default {@code id}, or null when they can, or when
     *     it is not a global credential at all (a folder may hold one with that id)
     */
    @CheckForNull
    static String globalProblem(@NonNull String id, @NonNull String baseUrl) {
        StringCredentials credential = global(StringCredentials.class, id, baseUrl);
        if (credential != null && credential.getScope() == CredentialsScope.SYSTEM) {
            return Messages.IshCdCredentials_SystemScoped(id);
        }
        if (credential == null && global(StandardCredentials.class, id, baseUrl) != null) {
            return Messages.IshCdCredentials_WrongType(id);
        }
        return credential == null ? Messages.IshCdCredentials_Missing(id) : null;
    }

    /**
     * For a folder's form: whether builds in {@code group} could use the credential {@code id}.
     *
     * @param missing the sentence for a credential that {@code group} cannot see
     * @return the sentence for a credential of another kind, a System-scoped one or a missing one;
     *     null when it is a Secret text credential visible from {@code group}
     */
    @CheckForNull
    static String problemIn(
            @NonNull ItemGroup<?> group, @NonNull String id, @NonNull String baseUrl, @NonNull String missing) {
        if (inGroup(StringCredentials.class, group, id, baseUrl) != null) {
            return null;
        }
        if (inGroup(StandardCredentials.class, group, id, baseUrl) != null) {
            return Messages.IshCdCredentials_WrongType(id);
        }
        return systemScoped(id, baseUrl) != null ? Messages.IshCdCredentials_SystemScoped(id) : missing;
    }

    @CheckForNull
    private static StringCredentials systemScoped(String id, String baseUrl) {
        StringCredentials c = global(StringCredentials.class, id, baseUrl);
        return c != null && c.getScope() == CredentialsScope.SYSTEM ? c : null;
    }

    @CheckForNull
    private static <C extends StandardCredentials> C global(Class<C> type, String id, String baseUrl) {
        return inGroup(type, Jenkins.get(), id, baseUrl);
    }

    /** @return the credential {@code id} of that type visible from {@code group} (its stores and those above) */
    @CheckForNull
    private static <C extends StandardCredentials> C inGroup(
            Class<C> type, ItemGroup<?> group, String id, String baseUrl) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        type,
                        group,
                        ACL.SYSTEM2,
                        URIRequirementBuilder.fromUri(baseUrl).build()),
                CredentialsMatchers.withId(id));
    }

    private static String requireId(@CheckForNull String credentialsId) throws AbortException {
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            throw new AbortException(Messages.IshCdCredentials_NoId());
        }
        return id;
    }

    private static String plain(StringCredentials credential, String id) throws AbortException {
        String token = credential.getSecret().getPlainText();
        if (token.isBlank()) {
            throw new AbortException(Messages.IshCdCredentials_Empty(id));
        }
        return token.trim();
    }
}
