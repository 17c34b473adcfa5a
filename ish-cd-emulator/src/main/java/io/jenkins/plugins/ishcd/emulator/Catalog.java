package io.jenkins.plugins.ishcd.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The emulator's projects, jobs (each with its faults) and runs, found by machine name or ID. Thread-safe. */
final class Catalog {

    /** A job with the project it belongs to and its fault scope. */
    record Job(ProjectSpec project, JobSpec spec, Faults faults) {
    }

    private final List<ProjectSpec> projects;
    private final Map<String, Job> jobsByKey = new HashMap<>();
    private final Map<String, EmulatedRun> runsById = new ConcurrentHashMap<>();
    /** Guarded by itself: adding a run is O(1), reading copies. */
    private final List<EmulatedRun> runsInOrder = new ArrayList<>();

    Catalog(List<ProjectSpec> projects) {
        this.projects = List.copyOf(projects);
        Set<String> projectNames = new HashSet<>();
        for (ProjectSpec project : projects) {
            requireUnique(projectNames, project.machineName(), project.id(), "project");
            Set<String> jobNames = new HashSet<>();
            for (JobSpec spec : project.jobs()) {
                requireUnique(jobNames, spec.machineName(), spec.id(), "job in project " + project.machineName());
                Faults faults = new Faults();
                spec.faults().accept(faults);
                jobsByKey.put(project.id() + "\n" + spec.id(), new Job(project, spec, faults));
            }
        }
    }

    List<ProjectSpec> projects() {
        return projects;
    }

    /** @param nameOrId a project's machine name or ID, as the API accepts either */
    Optional<ProjectSpec> project(String nameOrId) {
        return find(projects, nameOrId, ProjectSpec::machineName, ProjectSpec::id);
    }

    Optional<Job> job(ProjectSpec project, String nameOrId) {
        return find(project.jobs(), nameOrId, JobSpec::machineName, JobSpec::id)
                .map(spec -> jobsByKey.get(project.id() + "\n" + spec.id()));
    }

    Optional<Job> job(String projectNameOrId, String jobNameOrId) {
        return project(projectNameOrId).flatMap(project -> job(project, jobNameOrId));
    }

    void add(EmulatedRun run) {
        runsById.put(run.id(), run);
        synchronized (runsInOrder) {
            runsInOrder.add(run);
        }
    }

    Optional<EmulatedRun> run(String id) {
        return Optional.ofNullable(runsById.get(id));
    }

    List<EmulatedRun> runs() {
        synchronized (runsInOrder) {
            return List.copyOf(runsInOrder);
        }
    }

    List<EmulatedRun> runs(ProjectSpec project) {
        return runs().stream().filter(run -> run.project() == project).collect(Collectors.toList());
    }

    List<EmulatedRun> runs(Job job) {
        return runs().stream().filter(run -> run.job() == job.spec()).collect(Collectors.toList());
    }

    /** @throws IllegalArgumentException when there is no such job */
    Faults jobFaults(String project, String job) {
        return job(project, job).map(Job::faults)
                .orElseThrow(() -> new IllegalArgumentException("No job '" + job + "' in project '" + project + "'"));
    }

    /** @throws IllegalArgumentException when there is no such run */
    Faults runFaults(String id) {
        return run(id).map(EmulatedRun::faults).orElseThrow(() -> new IllegalArgumentException("No run '" + id + "'"));
    }

    /** @return the faults of every job and of every run */
    List<Faults> allFaults() {
        List<Faults> all = new ArrayList<>();
        jobsByKey.values().forEach(job -> all.add(job.faults()));
        runs().forEach(run -> all.add(run.faults()));
        return all;
    }

    // Machine names win over IDs, as a name is what users type; IDs are the fallback that never changes.
    private static <T> Optional<T> find(List<T> items, String key, java.util.function.Function<T, String> name,
            java.util.function.Function<T, String> id) {
        Optional<T> byName = items.stream().filter(item -> name.apply(item).equals(key)).findFirst();
        return byName.isPresent() ? byName : items.stream().filter(item -> id.apply(item).equals(key)).findFirst();
    }

    private static void requireUnique(Set<String> seen, String name, String id, String what) {
        if (!seen.add("name:" + name)) {
            throw new IllegalArgumentException("Duplicate " + what + " machine name '" + name + "'");
        }
        if (!seen.add("id:" + id)) {
            throw new IllegalArgumentException("Duplicate " + what + " ID '" + id + "'");
        }
    }
}
