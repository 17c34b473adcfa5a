package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.ishcd.client.Env;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One variable passed to an Ish CD run: {@code {"env": {"NAME": "value"}}}. In a Jenkinsfile the
 * variables are written as a map ({@code env: [BRANCH: 'main']}); forms and the Snippet Generator
 * use a list of these.
 */
public final class IshEnvVariable implements Describable<IshEnvVariable>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String value;

    /**
     * @param name the variable's name
     * @param value its value; null only from a Jenkinsfile ({@code env: [A: null]}), which
     *     {@link #toMap} refuses with a sentence
     */
    @DataBoundConstructor
    public IshEnvVariable(@CheckForNull String name, @CheckForNull String value) {
        this.name = Util.fixNull(name).trim();
        this.value = value;
    }

    @NonNull
    public String getName() {
        return name;
    }

    @CheckForNull
    public String getValue() {
        return value;
    }

    /**
     * @param variables the variables, possibly null
     * @param expand applied to each value (freestyle: {@code ${VAR}} expansion)
     * @return names to values, in order
     * @throws IllegalArgumentException for a bad or repeated name (see {@link Env#toMap}) or a value
     *     that is null
     */
    @NonNull
    static Map<String, String> toMap(@CheckForNull List<IshEnvVariable> variables, UnaryOperator<String> expand) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        if (variables != null) {
            for (IshEnvVariable v : variables) {
                if (v.getValue() == null) {
                    throw new IllegalArgumentException(Messages.IshEnvVariable_NoValue(v.getName()));
                }
                entries.add(new AbstractMap.SimpleImmutableEntry<>(v.getName(), expand.apply(v.getValue())));
            }
        }
        return Env.toMap(entries);
    }

    /**
     * @param variables as bound from a form or a Jenkinsfile, possibly null
     * @return a copy in a plain {@link ArrayList}: XStream writes that to config.xml without
     *     reflective access to the JDK's own lists
     */
    @NonNull
    static List<IshEnvVariable> listOf(@CheckForNull List<IshEnvVariable> variables) {
        return variables == null ? new ArrayList<>() : new ArrayList<>(variables);
    }

    /** @return the names only: values may be secrets */
    @NonNull
    static List<String> names(@CheckForNull Collection<IshEnvVariable> variables) {
        return variables == null
                ? List.of()
                : variables.stream().map(IshEnvVariable::getName).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IshEnvVariable v && v.name.equals(name) && Objects.equals(v.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    /** @return the name only */
    @Override
    public String toString() {
        return name;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<IshEnvVariable> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.IshEnvVariable_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            try {
                Env.checkName(Util.fixNull(value).trim());
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
