package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void everyResourceOfTheApiIsRecognised() {
        assertThat(Route.parse("/v1/projects")).hasValue(new Route(Route.Kind.PROJECTS, null, null, null));
        assertThat(Route.parse("/v1/projects/p")).hasValue(new Route(Route.Kind.PROJECT, "p", null, null));
        assertThat(Route.parse("/v1/projects/p/jobs")).hasValue(new Route(Route.Kind.JOBS, "p", null, null));
        assertThat(Route.parse("/v1/projects/p/runs")).hasValue(new Route(Route.Kind.PROJECT_RUNS, "p", null, null));
        assertThat(Route.parse("/v1/projects/p/jobs/j")).hasValue(new Route(Route.Kind.JOB, "p", "j", null));
        assertThat(Route.parse("/v1/projects/p/jobs/j/runs")).hasValue(new Route(Route.Kind.JOB_RUNS, "p", "j", null));
        assertThat(Route.parse("/v1/projects/p/jobs/j/runs/r")).hasValue(new Route(Route.Kind.RUN, "p", "j", "r"));
    }

    @Test
    void identifiersArePercentDecodedAsPathSegments() {
        assertThat(Route.parse("/v1/projects/my%20corp%2Feu/jobs/a+b%C3%A9/runs"))
                .hasValue(new Route(Route.Kind.JOB_RUNS, "my corp/eu", "a+bé", null));
    }

    @Test
    void otherPathsAndBadEncodingsAreNoRoute() {
        for (String path : new String[] {"/", "/v2/projects", "/v1/projectsx", "/v1/projects/", "/v1/projects//jobs",
                "/v1/projects/p/pipelines", "/v1/projects/p/jobs/j/logs", "/v1/projects/p/jobs/j/runs/r/x",
                "/v1/projects/%zz", "/v1/projects/%4", "/v1/projects/%C3"}) {
            assertThat(Route.parse(path)).as(path).isEmpty();
        }
    }

    @Test
    void onlyTheRunsCollectionAcceptsPost() {
        assertThat(Route.Kind.JOB_RUNS.methods()).containsExactly("GET", "POST");
        assertThat(Route.Kind.RUN.methods()).containsExactly("GET");
    }
}
