package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JobDurationsTest {
    private static final URI ISH = URI.create("https://api.ish-cd.com/v1");
    private final JobRef deploy = JobRef.of("my-corp", "deploy");

    private static Run ended(String status, long seconds) {
        return new Run("r", status, seconds, null, null, null);
    }

    private static void recordAll(JobDurations d, URI url, JobRef job, long... seconds) {
        for (long s : seconds) {
            assertThat(d.record(url, job, s)).isTrue();
        }
    }

    @Test
    void learnsFromCompleteRunsOnly() {
        JobDurations d = new JobDurations();
        assertThat(d.record(ISH, deploy, ended("complete", 60))).isTrue();
        assertThat(d.record(ISH, deploy, ended("error", 3))).isFalse(); // an early error says little of the next run
        assertThat(d.record(ISH, deploy, ended("running", 30))).isFalse();
        recordAll(d, ISH, deploy, 62, 61, 59, 63);
        assertThat(d.expected(ISH, deploy).runs()).isEqualTo(5);
        assertThat(d.expected(ISH, deploy).typicalSeconds()).isEqualTo(61);
        assertThat(d.changes()).isEqualTo(5);
    }

    @Test
    void fewerThanFiveRunsMakeNoExpectation() {
        JobDurations d = new JobDurations();
        recordAll(d, ISH, deploy, 60, 61, 62, 63);
        assertThat(d.expected(ISH, deploy)).isNull();
        recordAll(d, ISH, deploy, 64);
        assertThat(d.expected(ISH, deploy)).isNotNull();
    }

    @Test
    void aGivenDurationOverridesTheHistory() {
        JobDurations d = new JobDurations();
        recordAll(d, ISH, deploy, 60, 61, 62, 63, 64);
        ExpectedDuration e = d.expected(ISH, deploy, Duration.ofMinutes(10));
        assertThat(e.isGiven()).isTrue();
        assertThat(e.typicalSeconds()).isEqualTo(600);
        assertThat(d.expected(ISH, deploy, null).typicalSeconds()).isEqualTo(62);
        assertThat(d.expected(ISH, JobRef.of("my-corp", "other"), Duration.ofSeconds(5)).typicalSeconds()).isEqualTo(5);
    }

    @Test
    void keepsTheLastRunsOfEachJob() {
        JobDurations d = new JobDurations(5, 10);
        recordAll(d, ISH, deploy, 1000, 1000, 1000, 1000, 1000, 10, 11, 12, 13, 14);
        ExpectedDuration e = d.expected(ISH, deploy);
        assertThat(e.runs()).isEqualTo(5);
        assertThat(e.quantileSeconds(1)).isEqualTo(14);
        assertThat(e.quantileSeconds(0)).isEqualTo(10);
    }

    @Test
    void dropsTheLeastRecentlyUsedJobBeyondTheBound() {
        JobDurations d = new JobDurations(20, 2);
        JobRef a = JobRef.of("p", "a");
        JobRef b = JobRef.of("p", "b");
        JobRef c = JobRef.of("p", "c");
        recordAll(d, ISH, a, 1, 1, 1, 1, 1);
        recordAll(d, ISH, b, 2, 2, 2, 2, 2);
        assertThat(d.expected(ISH, a)).isNotNull(); // a is now more recently used than b
        recordAll(d, ISH, c, 3, 3, 3, 3, 3);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.expected(ISH, b)).isNull();
        assertThat(d.expected(ISH, a)).isNotNull();
        assertThat(d.expected(ISH, c)).isNotNull();
    }

    @Test
    void jobsAreKeptPerBaseUrlProjectAndJob() {
        JobDurations d = new JobDurations();
        recordAll(d, URI.create("https://api.ish-cd.com/v1/"), deploy, 60, 60, 60, 60, 60);
        recordAll(d, URI.create("http://localhost:8181/v1"), deploy, 5, 5, 5, 5, 5);
        recordAll(d, ISH, JobRef.of("other-corp", "deploy"), 9, 9, 9, 9, 9);
        assertThat(d.expected(ISH, deploy).typicalSeconds()).isEqualTo(60); // the trailing slash is the same URL
        assertThat(d.expected(URI.create("http://localhost:8181/v1"), deploy).typicalSeconds()).isEqualTo(5);
        assertThat(d.expected(ISH, JobRef.of("other-corp", "deploy")).typicalSeconds()).isEqualTo(9);
    }

    @Test
    void refusesWhatItShouldNotKeepWithoutThrowing() {
        JobDurations d = new JobDurations();
        assertThat(d.record(ISH, deploy, -1)).isFalse();
        assertThat(d.record(ISH, deploy, ExpectedDuration.MAX_SECONDS + 1)).isFalse();
        assertThat(d.record(URI.create("https://me:secret@api.ish-cd.com/v1"), deploy, 60)).isFalse();
        assertThat(d.record(URI.create("https://api.ish-cd.com/v1?token=secret"), deploy, 60)).isFalse();
        assertThat(d.record(URI.create("http://ish.example.com/v1"), deploy, 60)).isFalse();
        assertThat(d.record(ISH, JobRef.of("p", "j".repeat(501)), 60)).isFalse();
        assertThat(d.size()).isZero();
        assertThat(d.toJson()).doesNotContain("secret");
    }

    @Test
    void concurrentRecordsAreAllCountedAndKeepTheBound() throws Exception {
        JobDurations d = new JobDurations(20, 50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 1000; i++) {
                    d.record(ISH, JobRef.of("p", "job-" + (i % 100)), thread * 1000L + i);
                    d.expected(ISH, JobRef.of("p", "job-" + (i % 7)));
                    if (i % 100 == 0) {
                        JobDurations.fromJson(d.toJson(), "test");
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(d.changes()).isEqualTo(8000);
        assertThat(d.size()).isEqualTo(50);
        assertThat(JobDurations.fromJson(d.toJson(), "test").size()).isEqualTo(50);
    }

    @Test
    void aSnapshotRestoresTheSameDurationsAndOrder() {
        JobDurations d = new JobDurations();
        recordAll(d, ISH, deploy, 60, 70, 65, 64, 66);
        recordAll(d, URI.create("http://127.0.0.1:8181/v1"), JobRef.of("my-corp", "backup"), 300, 301, 302, 303, 304);
        String json = d.toJson();
        assertThat(json).startsWith("{\"format\":\"ish-cd-job-durations\",\"version\":1,\"jobs\":[");
        assertThat(json).contains("{\"baseUrl\":\"https://api.ish-cd.com/v1\",\"project\":\"my-corp\",\"job\":\"deploy\","
                + "\"durations\":[60,70,65,64,66]}");
        JobDurations back = JobDurations.fromJson(json, "test", problem -> {
            throw new AssertionError(problem);
        });
        assertThat(back.toJson()).isEqualTo(json);
        assertThat(back.expected(ISH, deploy).typicalSeconds()).isEqualTo(65);
    }

    @Test
    void badContentGivesOneSentenceAndAnEmptyStore() {
        String valid = "{\"format\":\"ish-cd-job-durations\",\"version\":1,\"jobs\":[{\"baseUrl\":\"https://api.ish-cd.com/v1\","
                + "\"project\":\"p\",\"job\":\"j\",\"durations\":[1,2,3,4,5]}]}";
        assertThat(JobDurations.fromJson(valid, "test").size()).isEqualTo(1);
        String[][] cases = {
            {null, "it is empty"},
            {"", "it is empty"},
            {"\u0000\u0001garbage", "not JSON, or cut short"},
            {valid.substring(0, valid.length() - 7), "not JSON, or cut short"},
            {"[1,2,3]", "not a job durations document"},
            {"{\"format\":\"other\",\"version\":1,\"jobs\":[]}", "not a job durations document"},
            {valid.replace("\"version\":1", "\"version\":2"), "version 2 where this client reads 1"},
            {valid.replace("\"version\":1", "\"version\":\"1\""), "version \"1\" where this client reads 1"},
            {valid.replace("[{", "{").replace("]}]}", "]}}"), "'jobs' is not a list"},
            {valid.replace("[1,2,3,4,5]", "[1,2,\"3\",4,5]"), "job 1 has a duration that is not a whole number"},
            {valid.replace("[1,2,3,4,5]", "[1,2,3.5,4,5]"), "job 1 has a duration that is not a whole number"},
            {valid.replace("[1,2,3,4,5]", "[1,2,-3,4,5]"), "job 1 has a duration that is not a whole number"},
            {valid.replace("[1,2,3,4,5]", "[1,2,99999999999999999999999999,4,5]"), "job 1 has a duration"},
            {valid.replace("[1,2,3,4,5]", "[1,2,31708800000,4,5]"), "job 1 has a duration"},
            {valid.replace("[1,2,3,4,5]", "[]"), "job 1 has no list of durations"},
            {valid.replace("[1,2,3,4,5]", "\"1,2\""), "job 1 has no list of durations"},
            {valid.replace("\"p\"", "42"), "job 1 has no usable base URL, project or job"},
            {valid.replace("https://api.ish-cd.com/v1", "ftp://x"), "job 1 has no usable base URL, project or job"},
            {"{" + " ".repeat(JobDurationsJson.MAX_CHARS) + "}", "it is larger than 4 MiB"},
        };
        for (String[] c : cases) {
            List<String> problems = new ArrayList<>();
            JobDurations d = JobDurations.fromJson(c[0], "/home/me/.cache/ish-cd/job-durations.json", problems::add);
            assertThat(d.size()).as(c[1]).isZero();
            assertThat(problems).as(String.valueOf(c[0])).singleElement().asString()
                    .startsWith("The Ish CD job durations in /home/me/.cache/ish-cd/job-durations.json cannot be used (")
                    .contains(c[1])
                    .endsWith("); starting without them, so polls follow the back-off until runs are seen to complete"
                            + " again.")
                    .doesNotContain("\n");
        }
    }

    @Test
    void badContentIsLoggedOnceAsAWarningByDefault() {
        Logger logger = Logger.getLogger(JobDurations.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        boolean parents = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        try {
            assertThat(JobDurations.fromJson("{\"format\":", "the controller's store").size()).isZero();
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(parents);
        }
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).startsWith("The Ish CD job durations in the controller's store cannot be used");
            assertThat(r.getThrown()).isNull();
        });
    }

    @Test
    void aRestoredStoreKeepsItsBounds() {
        StringBuilder json = new StringBuilder("{\"format\":\"ish-cd-job-durations\",\"version\":1,\"jobs\":[");
        for (int j = 0; j < JobDurations.DEFAULT_JOBS + 10; j++) {
            json.append(j == 0 ? "" : ",").append("{\"baseUrl\":\"https://api.ish-cd.com/v1\",\"project\":\"p\",\"job\":\"j")
                    .append(j).append("\",\"durations\":[");
            for (int i = 0; i < 30; i++) {
                json.append(i == 0 ? "" : ",").append(i);
            }
            json.append("]}");
        }
        JobDurations d = JobDurations.fromJson(json.append("]}").toString(), "test");
        assertThat(d.size()).isEqualTo(JobDurations.DEFAULT_JOBS);
        assertThat(d.expected(ISH, JobRef.of("p", "j0"))).isNull(); // the oldest were dropped
        ExpectedDuration last = d.expected(ISH, JobRef.of("p", "j" + (JobDurations.DEFAULT_JOBS + 9)));
        assertThat(last.runs()).isEqualTo(JobDurations.DEFAULT_RUNS_PER_JOB);
        assertThat(last.quantileSeconds(0)).isEqualTo(10); // the last 20 of 0..29
    }
}
