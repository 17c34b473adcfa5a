package io.jenkins.plugins.ishcd.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link RunHost} that records what a {@link RunLife} asks of it: console lines, runs shown, and
 * the one end. Its connection is whatever {@link #connect} supplies, so a test can rotate the token.
 */
final class FakeHost implements RunHost {
    interface Connector {
        IshCdClient connect() throws Exception;
    }

    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> shown = new CopyOnWriteArrayList<>();
    /** Completes with "succeeded", "failed: sentence" or "stopped: cause", and must complete once only. */
    final CompletableFuture<String> end = new CompletableFuture<>();
    final List<String> ends = new CopyOnWriteArrayList<>();
    volatile Object value;
    volatile Connector connector;
    volatile WaitOptions options = WaitOptions.builder()
            .initialInterval(java.time.Duration.ofMillis(5)).maxInterval(java.time.Duration.ofMillis(20)).build();
    volatile boolean waitForRun = true;
    volatile boolean propagate = true;
    volatile Consumer<Run> onStatus = r -> {};

    FakeHost(Connector connector) {
        this.connector = connector;
    }

    @Override
    public IshCdClient connect() throws Exception {
        return connector.connect();
    }

    @Override
    public WaitOptions waitOptions() {
        return options;
    }

    @Override
    public boolean waitForRun() {
        return waitForRun;
    }

    @Override
    public boolean propagate() {
        return propagate;
    }

    @Override
    public void print(String line) {
        lines.add(line);
    }

    @Override
    public void created(Run run) {
        shown.add("created " + run.id() + " " + run.rawStatus());
    }

    @Override
    public void resumed(Run run) {
        shown.add("resumed " + run.id() + " " + run.rawStatus());
    }

    @Override
    public void statusChanged(Run run) {
        shown.add("status " + run.rawStatus());
        onStatus.accept(run);
    }

    @Override
    public Object finished(Run run) {
        shown.add("finished " + run.rawStatus());
        return run.toMap();
    }

    @Override
    public void succeeded(Object value) {
        this.value = value;
        ended("succeeded");
    }

    @Override
    public void failed(String sentence) {
        ended("failed: " + sentence);
    }

    @Override
    public void stopped(Throwable cause) {
        ended("stopped: " + cause.getMessage());
    }

    private void ended(String how) {
        ends.add(how);
        end.complete(how);
    }

    /** @return how many console lines contain {@code text} */
    long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }
}
