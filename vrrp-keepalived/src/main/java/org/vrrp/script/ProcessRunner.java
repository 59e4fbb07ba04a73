package org.vrrp.script;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs one command to completion or to its timeout, the way both kinds of scripts need it.
 *
 * <ul>
 *   <li>stdin is /dev/null and stdout/stderr are discarded by the OS, so a chatty or stdin-reading
 *       script can never block on a full pipe and no reader thread is needed;</li>
 *   <li>on timeout or interruption the process and every descendant it has at that moment are
 *       killed with SIGKILL and reaped (bounded waits), like keepalived's SIGTERM-then-kill but without
 *       giving a hung script a second chance;</li>
 *   <li>the started process is always waited for, so no zombie is left.</li>
 * </ul>
 *
 * Stateless and thread-safe; blocks the calling thread for at most the timeout plus the reap time.
 */
final class ProcessRunner {
    /** How long a SIGKILLed process may take to disappear before we stop waiting for it. */
    private static final long REAP_WAIT_MILLIS = 2_000;
    private static final File DEV_NULL = new File("/dev/null");

    /** How a run ended. */
    record Outcome(int exitCode, boolean timedOut) {
        static Outcome exited(int code) {
            return new Outcome(code, false);
        }

        static Outcome timeout() {
            return new Outcome(-1, true);
        }

        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        @Override
        public String toString() {
            return timedOut ? "timed out and killed" : "exit code " + exitCode;
        }
    }

    private ProcessRunner() {}

    /**
     * Runs {@code command} and waits at most {@code timeout}.
     *
     * @throws IOException          the process could not be started (no such program, not executable)
     * @throws InterruptedException the caller was interrupted; the process tree has been killed
     */
    static Outcome run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return Outcome.exited(process.exitValue());
            }
            killTree(process);
            return Outcome.timeout();
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
    }

    /** Kills {@code process} and its descendants and waits (bounded) until they are gone. */
    static void killTree(Process process) {
        // Snapshot first: once the parent dies its children are re-parented and no longer found from it.
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process.toHandle());
        descendants.forEach(ProcessRunner::awaitExit);
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // SIGKILL cannot be caught; a process still present here is a zombie of another parent.
        }
    }
}
