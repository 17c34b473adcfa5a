package io.jenkins.plugins.ishcd;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Finds the Ish CD API token: a "Secret text" credential chosen by id, looked up in the context of
 * the build (so folder-scoped credentials work) with the base URL's domain requirements.
 * The token is read when a request is about to be made and is never stored by this plugin.
 */
final class IshCdCredentials {

    private IshCdCredentials() {}

    /**
     * @param run the build using the token; its use of the credential is tracked
     * @param credentialsId the credential id, or a {@code ${PARAMETER}} expression
     * @param baseUrl the API base URL, for domain requirements
     * @return the token
     * @throws AbortException with one sentence naming the id and the fix when none fits
     */
    @NonNull
    static String token(@NonNull Run<?, ?> run, @CheckForNull String credentialsId, @NonNull String baseUrl)
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
            throw new AbortException(Messages.IshCdCredentials_Missing(id));
        }
        CredentialsProvider.track(run, credential);
        return plain(credential, id);
    }

    /**
     * For "Test connection": a credential of Jenkins itself (global scope), no build involved.
     */
    @NonNull
    static String globalToken(@CheckForNull String credentialsId, @NonNull String baseUrl) throws AbortException {
        String id = requireId(credentialsId);
        StringCredentials credential = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StringCredentials.class,
                        Jenkins.get(),
                        ACL.SYSTEM2,
                        URIRequirementBuilder.fromUri(baseUrl).build()),
                CredentialsMatchers.withId(id));
        if (credential == null) {
            throw new AbortException(Messages.IshCdCredentials_Missing(id));
        }
        return plain(credential, id);
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
