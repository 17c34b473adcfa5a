package io.jenkins.plugins.ishcd.client.bench;

/**
 * Prints {@link PollFleet}'s comparison of a fixed 5 s poll, the back-off and history-timed polls:
 * requests per run and how late each run's end was seen, per group of runs. Pure simulation (no
 * HTTP, no sleeping), on demand, never by {@code mvn verify}; see README.md for the command.
 * {@code -Dbench.seed} picks another draw of the fleet (default 1), {@code -Dbench.medians} the jobs' medians in
 * minutes (default {@code 1,3,10,30}).
 */
public final class PollBenchmark {
    private PollBenchmark() {}

    public static void main(String[] args) {
        long seed = Long.getLong("bench.seed", 1L);
        PollFleet.Config config = PollFleet.Config.standard(seed).withMedians(medians("1,3,10,30"));
        System.out.print(PollFleet.table(PollFleet.simulate(config)));
    }

    /** @return the medians in minutes that {@code -Dbench.medians} lists (e.g. {@code 1,3,10}), else {@code otherwise} */
    static double[] medians(String otherwise) {
        return java.util.Arrays.stream(System.getProperty("bench.medians", otherwise).split(","))
                .mapToDouble(m -> Double.parseDouble(m.trim())).toArray();
    }
}
