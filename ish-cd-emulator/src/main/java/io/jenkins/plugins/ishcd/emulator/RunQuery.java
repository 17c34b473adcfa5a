package io.jenkins.plugins.ishcd.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query of a runs list ({@code GET /projects/{project}/runs} and {@code .../jobs/{job}/runs}), as the
 * official JavaScript client sends the parameters of {@code runs().list(params)}: {@code ?limit=1&status=error}.
 * Runs are listed newest first. Parameters: {@code limit} (at most this many), {@code offset} (skip this many),
 * {@code page} (with {@code limit}: skip {@code page * limit}, the first page being 0), {@code status} (one
 * status or several separated by commas, as reported now) and {@code job} (machine name or ID). Other parameters
 * are ignored, as a web service ignores what it does not know.
 *
 * @param limit the most runs listed, or {@link Integer#MAX_VALUE}
 * @param offset how many matching runs to skip
 * @param statuses the statuses listed, or empty for all
 * @param job the machine name or ID of the only job listed, or {@code null} for all
 */
record RunQuery(int limit, int offset, Set<String> statuses, String job) {

    /**
     * @param rawQuery the query as sent, without {@code ?}, form-encoded ({@code +} is a space)
     * @throws IllegalArgumentException with a sentence for the 400 answer, e.g. for {@code limit=many}
     */
    static RunQuery parse(String rawQuery) {
        QueryParams params = QueryParams.parse(rawQuery);
        int limit = params.number("limit", 1, Integer.MAX_VALUE);
        int offset = params.number("offset", 0, 0);
        int page = params.number("page", 0, 0);
        if (page > 0 && params.get("limit") != null) {
            offset = (int) Math.min(Integer.MAX_VALUE, offset + (long) page * limit);
        }
        String status = params.get("status");
        Set<String> statuses = status == null ? Set.of()
                : Arrays.stream(status.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        String job = params.get("job");
        return new RunQuery(limit, offset, statuses, job == null || job.isEmpty() ? null : job);
    }

    /**
     * @param runs the runs to choose from, oldest first
     * @param now the instant at which statuses are judged
     * @return the runs this query lists, newest first
     */
    List<EmulatedRun> select(List<EmulatedRun> runs, Instant now) {
        List<EmulatedRun> newestFirst = new ArrayList<>(runs);
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .filter(run -> job == null || job.equals(run.job().machineName()) || job.equals(run.job().id()))
                .filter(run -> statuses.isEmpty() || statuses.contains(run.stateAt(now).status()))
                .skip(offset)
                .limit(limit)
                .collect(Collectors.toList());
    }
}
