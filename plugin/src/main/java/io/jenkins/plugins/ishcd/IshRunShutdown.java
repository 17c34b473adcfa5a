package io.jenkins.plugins.ishcd;

import hudson.Extension;
import hudson.init.Terminator;
import hudson.model.listeners.ItemListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Tells every {@code ishRun} of this Jenkins that it is shutting down, before the Pipeline programs
 * are saved (Jenkins.cleanUp calls {@link #onBeforeShutdown()} before the terminators, one of which
 * suspends and saves the programs), and waits briefly until each has handled it: from then on a wait
 * touches nothing, and its memo, saved with the program, resumes it after the restart. Only then
 * does the terminator {@link #stopEngine()} stop the engine's threads. (Jenkins calls terminators
 * of public classes only.)
 */
@Extension
public final class IshRunShutdown extends ItemListener {
    private static final Logger LOGGER = Logger.getLogger(IshRunShutdown.class.getName());
    /** How long the shutdown waits for the steps, as workflow-cps waits for each program to suspend. */
    static final long WAIT_SECONDS = 10;

    /** Stops this Jenkins' scheduler of Ish CD requests; a new Jenkins in the same JVM makes its own. */
    @Terminator
    public static void stopEngine() {
        IshCdClients.stopScheduler();
    }

    @Override
    public void onBeforeShutdown() {
        List<CompletableFuture<Void>> handled = new CopyOnWriteArrayList<>();
        try {
            StepExecution.acceptAll(IshRunStepExecution.class, e -> handled.add(e.shutDown()))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture.allOf(handled.toArray(new CompletableFuture<?>[0]))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.log(Level.WARNING, "Not every Ish CD step was told of the shutdown in time", e);
        }
    }
}
