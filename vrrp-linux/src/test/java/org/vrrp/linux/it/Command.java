package org.vrrp.linux.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command to completion with a timeout, capturing its output. Output goes through
 * temporary files rather than pipes, so a chatty command can never block on a full pipe. Stateless and
 * thread-safe.
 */
public final class Command {
    /** Long enough for any `ip` call, short enough that a hang fails the test quickly. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Command() {
    }

    /** What a finished command left behind. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** This result if the command succeeded, else an AssertionError with everything it printed. */
        public Result check() {
            if (exitCode != 0) {
                throw new AssertionError("command failed (exit " + exitCode + "): " + String.join(" ", command)
                        + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    /** Runs and checks the exit code. */
    public static Result run(String... command) {
        return runUnchecked(DEFAULT_TIMEOUT, List.of(command)).check();
    }

    /** Runs without checking the exit code. */
    public static Result runUnchecked(String... command) {
        return runUnchecked(DEFAULT_TIMEOUT, List.of(command));
    }

    /** Runs with a timeout; a command that outlives it is killed and reported as an AssertionError. */
    public static Result runUnchecked(Duration timeout, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("vrrp-it-out", ".txt");
            err = Files.createTempFile("vrrp-it-err", ".txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("command did not finish within " + timeout + ": " + String.join(" ", command)
                        + "\nstdout: " + Files.readString(out) + "\nstderr: " + Files.readString(err));
            }
            return new Result(List.copyOf(command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Whether an executable of this name is on the PATH (a name with a '/' is looked up as the path it is). */
    public static boolean onPath(String executable) {
        if (executable.contains("/")) {
            return Files.isExecutable(Path.of(executable));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
