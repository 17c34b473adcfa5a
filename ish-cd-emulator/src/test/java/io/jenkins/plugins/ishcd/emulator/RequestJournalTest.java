package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestJournalTest {

    private final RequestJournal journal = new RequestJournal();

    @Test
    void countsByMethodAndPathPrefixOrRegex() {
        journal.record(request("POST", "/v1/projects/my-corp/jobs/deploy/runs"));
        journal.record(request("GET", "/v1/projects/my-corp/jobs/deploy/runs/3abed1d7"));
        journal.record(request("GET", "/v1/projects/my-corp/jobs/deploy/runs/9f00"));

        assertThat(journal.count("POST", "/v1/projects/my-corp/jobs/deploy/runs")).isEqualTo(1);
        assertThat(journal.count("get", "/v1/projects/my-corp/jobs/deploy/runs/")).isEqualTo(2);
        assertThat(journal.count(null, "/v1/projects")).isEqualTo(3);
        assertThat(journal.count("GET", ".*/runs/3abed1d7")).isEqualTo(1);
        assertThat(journal.count("GET", "/v1/projects/other")).isZero();
        assertThat(journal.count(null, "/v1/projects/a+b(")).as("an invalid regex still works as a prefix").isZero();
        assertThat(journal.requests("GET", ".*/9f00")).extracting(RecordedRequest::path).containsExactly("/v1/projects/my-corp/jobs/deploy/runs/9f00");
    }

    @Test
    void keepsArrivalOrderAndCanBeCleared() {
        assertThat(journal.last()).isNull();
        journal.record(request("GET", "/a"));
        journal.record(request("GET", "/b"));

        assertThat(journal.size()).isEqualTo(2);
        assertThat(journal.last().path()).isEqualTo("/b");
        journal.clear();
        assertThat(journal.requests()).isEmpty();
    }

    @Test
    void keepsTheLastRequestsInFullAndCountsAllOfThem() {
        RequestJournal bounded = new RequestJournal(100);
        for (int i = 0; i < 200_000; i++) {
            bounded.record(request(i % 4 == 0 ? "POST" : "GET", "/v1/projects/p/jobs/j/runs" + (i % 4 == 0 ? "" : "/" + i % 1000)));
        }

        assertThat(bounded.requests()).hasSize(100);
        assertThat(bounded.last().path()).isEqualTo("/v1/projects/p/jobs/j/runs/999");
        assertThat(bounded.count("POST", "/v1/projects/p/jobs/j/runs")).isEqualTo(50_000);
        assertThat(bounded.count("GET", "/v1/projects/p/jobs/j/runs/")).isEqualTo(150_000);
        assertThat(bounded.count("GET", ".*/runs/99")).isEqualTo(200);
        assertThat(bounded.size()).isEqualTo(200_000);
        assertThat(bounded.requests("POST", "/v1/")).hasSize(25);
        assertThat(bounded.limit()).isEqualTo(100);
    }

    @Test
    void aLimitOfZeroKeepsOnlyTheCounts() {
        RequestJournal counting = new RequestJournal(0);
        counting.record(request("GET", "/a"));

        assertThat(counting.requests()).isEmpty();
        assertThat(counting.last()).isNull();
        assertThat(counting.count("GET", "/a")).isEqualTo(1);
        counting.clear();
        assertThat(counting.count(null, "")).isZero();
    }

    @Test
    void recordedHeadersAreFoundInAnyCase() {
        RecordedRequest request = new RecordedRequest("GET", "/x", "", "", Map.of("Content-type", List.of("application/json")),
                null, 200, Instant.EPOCH);

        assertThat(request.header("CONTENT-TYPE")).hasValue("application/json");
        assertThat(request.header("Authorization")).isEmpty();
        assertThat(request).hasToString("GET /x -> 200");
    }

    private static RecordedRequest request(String method, String path) {
        return new RecordedRequest(method, path, "", "", Map.of(), "t", 200, Instant.EPOCH);
    }
}
