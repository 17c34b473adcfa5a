package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * The read endpoints of the official JavaScript client, beyond the API page: projects, jobs and a
 * project's runs. Optional on the server: they block, throw {@link IshCdException}, and a
 * {@link NotFoundException} may mean the server does not offer the endpoint at all, so use them for
 * checks and pickers, never in the main flow. Get one from {@link IshCdClient#catalog()}.
 */
public final class CatalogReader {
    private final String baseUrl;
    private final HttpExchange exchange;

    CatalogReader(String baseUrl, HttpExchange exchange) {
        this.baseUrl = baseUrl;
        this.exchange = exchange;
    }

    /** {@code GET /projects}. @return the projects the token's account can see @throws IshCdException on any failure */
    @NonNull
    public List<Project> listProjects() {
        return get(baseUrl + "/projects", Call.read("the project list", null), RunJson::projects);
    }

    /** {@code GET /projects/{project}}. @param project machine name or ID @return the project */
    @NonNull
    public Project getProject(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return get(projectUri(baseUrl, ref), Call.read("project " + ref.project(), null), RunJson::project);
    }

    /** {@code GET /projects/{project}/jobs}. @param project machine name or ID @return its jobs */
    @NonNull
    public List<Job> listJobs(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return get(projectUri(baseUrl, ref) + "/jobs", Call.read("the jobs of project " + ref.project(), null), RunJson::jobs);
    }

    /** {@code GET /projects/{project}/jobs/{job}}. @param job the job @return the job */
    @NonNull
    public Job getJob(@NonNull JobRef job) {
        return get(jobUri(baseUrl, job), Call.read("job " + job, job), RunJson::job);
    }

    /** {@code GET /projects/{project}/runs}. @param project machine name or ID @return its recent runs */
    @NonNull
    public List<Run> listRuns(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return get(projectUri(baseUrl, ref) + "/runs", Call.read("the runs of project " + ref.project(), null), RunJson::runs);
    }

    private <T> T get(String uri, Call call, Function<JsonNode, T> parser) {
        return Blocking.join(exchange.send(exchange.newRequest(URI.create(uri)).GET().build(), call, parser));
    }

    static String projectUri(String baseUrl, JobRef ref) {
        return baseUrl + "/projects/" + PathSegment.encode(ref.project());
    }

    static String jobUri(String baseUrl, JobRef job) {
        return projectUri(baseUrl, job) + "/jobs/" + PathSegment.encode(job.job());
    }
}
