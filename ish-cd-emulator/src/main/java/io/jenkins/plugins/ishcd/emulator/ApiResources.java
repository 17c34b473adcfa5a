package io.jenkins.plugins.ishcd.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The API's resources: what an authenticated request to a known route is answered. */
final class ApiResources {

    private final Catalog catalog;
    private final Clock clock;
    private final Faults global;
    private final int triggerStatus;

    ApiResources(Catalog catalog, Clock clock, Faults global, int triggerStatus) {
        this.catalog = catalog;
        this.clock = clock;
        this.global = global;
        this.triggerStatus = triggerStatus;
    }

    /**
     * @param method an allowed method of the route's kind
     * @param rawQuery the query as sent, read by the runs lists (see {@link RunQuery})
     */
    Answer answer(Route route, String method, byte[] body, String rawQuery) {
        if (route.kind() == Route.Kind.ACCOUNT) {
            return Answer.json(200, ApiJson.account());
        }
        if (route.kind() == Route.Kind.PROJECTS) {
            ArrayNode list = ApiJson.MAPPER.createArrayNode();
            catalog.projects().forEach(project -> list.add(ApiJson.project(project)));
            return Answer.json(200, list);
        }
        Optional<ProjectSpec> project = catalog.project(route.project());
        if (project.isEmpty()) {
            return Answer.error(404, "Project '" + route.project() + "' not found");
        }
        switch (route.kind()) {
            case PROJECT:
                return Answer.json(200, ApiJson.project(project.get()));
            case JOBS:
                ArrayNode jobs = ApiJson.MAPPER.createArrayNode();
                project.get().jobs().forEach(job -> jobs.add(ApiJson.job(job)));
                return Answer.json(200, jobs);
            case PROJECT_RUNS:
                return runList(catalog.runs(project.get()), rawQuery, true);
            default:
                break;
        }
        Optional<Catalog.Job> job = catalog.job(project.get(), route.job());
        if (job.isEmpty()) {
            return Answer.error(404, "Job '" + route.job() + "' not found in project '" + route.project() + "'");
        }
        if (route.kind() == Route.Kind.JOB) {
            return Answer.json(200, ApiJson.job(job.get().spec()));
        }
        if (route.kind() == Route.Kind.JOB_RUNS) {
            return "POST".equals(method) ? trigger(job.get(), body) : runList(catalog.runs(job.get()), rawQuery, false);
        }
        Optional<EmulatedRun> run = catalog.run(route.run()).filter(r -> r.job() == job.get().spec());
        if (run.isEmpty()) {
            return Answer.error(404, "Run '" + route.run() + "' not found for job '" + route.job() + "'");
        }
        return Answer.json(200, runJson(run.get(), false));
    }

    private Answer trigger(Catalog.Job job, byte[] body) {
        Map<String, String> env;
        try {
            env = ApiJson.env(body);
        } catch (IllegalArgumentException e) {
            return Answer.error(400, e.getMessage());
        }
        List<String> missing = job.spec().envDependencies().entrySet().stream()
                .filter(d -> JobSpec.REQUIRED.equals(d.getValue()) && !env.containsKey(d.getKey())).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            // The API page does not say; refusing (no run created) is the strict reading, and what a user can act on.
            return Answer.error(400, "Job '" + job.spec().machineName() + "' requires the env variable"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + ": send {\"env\": {\""
                    + missing.get(0) + "\": \"...\"}}");
        }
        // Faults that shape a run's life are fixed into it at creation, so its life cycle stays predictable.
        String paused = null;
        java.time.Duration pausedFor = java.time.Duration.ZERO;
        RunEnd end = null;
        for (Faults faults : List.of(job.faults(), global)) {
            if (paused == null && faults.unknownStatus() != null) {
                paused = faults.unknownStatus();
                pausedFor = faults.unknownStatusFor();
            }
            end = end != null ? end : faults.takeOutcome();
        }
        EmulatedRun run = new EmulatedRun(UUID.randomUUID().toString(), job.project(), job.spec(), env,
                clock.instant(), paused, pausedFor, end != null ? end : new RunEnd(job.spec().outcome(), null));
        catalog.add(run);
        return Answer.json(triggerStatus, runJson(run, false));
    }

    private Answer runList(List<EmulatedRun> runs, String rawQuery, boolean withJob) {
        RunQuery query;
        try {
            query = RunQuery.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            return Answer.error(400, e.getMessage());
        }
        ArrayNode list = ApiJson.MAPPER.createArrayNode();
        query.select(runs, clock.instant()).forEach(run -> list.add(runJson(run, withJob)));
        return Answer.json(200, list);
    }

    // A run's answer follows the faults of the run, its job and the emulator, whichever route it is read by.
    private ObjectNode runJson(EmulatedRun run, boolean withJob) {
        Instant now = clock.instant();
        List<Faults> scopes = List.of(run.faults(),
                catalog.job(run.project().id(), run.job().id()).map(Catalog.Job::faults).orElse(global), global);
        boolean asStrings = scopes.stream().anyMatch(Faults::numbersAsStrings);
        int hugeLog = scopes.stream().mapToInt(Faults::hugeLogChars).max().orElse(0);
        ObjectNode node = ApiJson.run(run.stateAt(now), asStrings, hugeLog);
        if (withJob) {
            node.putObject("job").put("id", run.job().id()).put("machine_name", run.job().machineName())
                    .put("name", run.job().machineName());
        }
        return node;
    }
}
