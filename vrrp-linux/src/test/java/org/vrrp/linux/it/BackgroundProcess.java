package org.vrrp.linux.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command inside a namespace (keepalived, tcpdump), its stdout and stderr merged into a
 * log file that {@link #log()} reads at any time. {@link #close} stops it by pid: SIGTERM, then SIGKILL
 * after a grace period, and waits for it to exit. `ip netns exec` execs the command, so the pid is the
 * command's own.
 *
 * <p>Thread-safe: the state is the JDK's {@link Process}.
 */
public class BackgroundProcess implements AutoCloseable {
    /** How long a process gets to exit after SIGTERM before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String description;
    private final Process process;
    private final Path logFile;

    public BackgroundProcess(Host host, String description, Path logFile, String... command) {
        this.description = description + " in " + host.namespace();
        this.logFile = logFile;
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        cmd.addAll(List.of(command));
        try {
            this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** Waits until the log contains {@code text}; fails with the log if the process exits or time runs out. */
    public void awaitLog(String text, Duration timeout) {
        awaitLog(text, 0, timeout);
    }

    /**
     * Waits until {@code text} appears in the log at or after character {@code fromIndex}, so that a
     * line printed earlier (e.g. the same state entered at start-up) does not count.
     *
     * @return the index just past the match, to wait for what comes after it
     */
    public int awaitLog(String text, int fromIndex, Duration timeout) {
        String log = Poll.until(timeout, "'" + text + "' in the output of " + description, () -> {
            String now = log();
            if (now.indexOf(text, fromIndex) < 0 && !process.isAlive()) {
                throw new AssertionError(description + " exited with " + process.exitValue() + " before printing '"
                        + text + "':\n" + now);
            }
            return now;
        }, now -> now.indexOf(text, fromIndex) >= 0); // on timeout, the failure shows the whole log
        return log.indexOf(text, fromIndex) + text.length();
    }

    /** Waits for the process to exit on its own; returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(description + " did not exit within " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops the process (SIGTERM, SIGKILL after {@link #STOP_GRACE}) and waits for it. Idempotent. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: lets keepalived send its priority-0 advert and remove its VIPs
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return description;
    }
}
