package org.vrrp.linux.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real keepalived (2.2.7 on Debian bookworm) in a test namespace: the configuration text is written
 * to a private {@link ScratchDirectory} that also holds its pid files, so several instances can run at
 * once; started in the foreground ({@code -n}) with the VRRP process only ({@code -P}), logging to the
 * console ({@code -l}), which {@link #log()} returns. {@link #close} sends SIGTERM (keepalived then
 * sends priority-0 adverts and removes its VIPs), escalates to SIGKILL, and kills a VRRP child left
 * behind, then deletes the directory.
 *
 * <p>Thread-safe like {@link BackgroundProcess}; {@link #close} is idempotent.
 */
public final class KeepalivedProcess implements AutoCloseable {
    private final ScratchDirectory directory;
    private final BackgroundProcess process;

    private KeepalivedProcess(ScratchDirectory directory, BackgroundProcess process) {
        this.directory = directory;
        this.process = process;
    }

    /** Starts keepalived in {@code host}'s namespace with this configuration. */
    public static KeepalivedProcess start(Host host, String configuration) {
        ScratchDirectory dir = ScratchDirectory.create("vrrp-it-keepalived-");
        dir.write("keepalived.conf", configuration);
        BackgroundProcess p = new BackgroundProcess(host, "keepalived", dir.resolve("keepalived.log"),
                "keepalived", "--dont-fork", "--log-console", "--log-detail", "--vrrp",
                "--pid", dir.resolve("keepalived.pid").toString(),
                "--vrrp_pid", dir.resolve("vrrp.pid").toString(),
                "--checkers_pid", dir.resolve("checkers.pid").toString(),
                "--use-file", dir.resolve("keepalived.conf").toString());
        return new KeepalivedProcess(dir, p);
    }

    public long pid() {
        return process.pid();
    }

    /** Replaces the configuration file, for a reload by SIGHUP. */
    public void rewrite(String configuration) {
        directory.write("keepalived.conf", configuration);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything keepalived printed so far. */
    public String log() {
        return process.log();
    }

    /** Waits until the log contains {@code text}, e.g. "Entering MASTER STATE"; returns the index past it. */
    public int awaitLog(String text, java.time.Duration timeout) {
        return process.awaitLog(text, 0, timeout);
    }

    /** Waits for {@code text} at or after {@code fromIndex} of the log; returns the index past it. */
    public int awaitLog(String text, int fromIndex, java.time.Duration timeout) {
        return process.awaitLog(text, fromIndex, timeout);
    }

    /**
     * The installed keepalived's version, e.g. {@code [2, 2, 7]}, from {@code keepalived --version}
     * ("Keepalived v2.2.7 (01/16,2022)", printed on stderr).
     */
    public static int[] installedVersion() {
        Command.Result r = Command.runUnchecked("keepalived", "--version");
        Matcher m = Pattern.compile("Keepalived v(\\d+)\\.(\\d+)\\.(\\d+)")
                .matcher(r.stdout() + r.stderr());
        if (!m.find()) {
            throw new AssertionError("cannot read keepalived's version from: " + r.stdout() + r.stderr());
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** Whether the installed keepalived is at least {@code major.minor.patch}. */
    public static boolean installedAtLeast(int major, int minor, int patch) {
        int[] v = installedVersion();
        return Arrays.compare(v, new int[] {major, minor, patch}) >= 0;
    }

    /** Stops keepalived gracefully if it can, by force if not. Idempotent. */
    public void stop() {
        long childPid = readPid(directory.resolve("vrrp.pid"));
        process.stop();
        if (childPid > 0) {
            ProcessHandle.of(childPid).ifPresent(child -> {
                // The parent forwards SIGTERM; a VRRP child still alive here lost its parent to SIGKILL.
                if (child.info().command().map(c -> c.contains("keepalived")).orElse(false)) {
                    child.destroyForcibly();
                }
            });
        }
    }

    @Override
    public void close() {
        stop();
        directory.close();
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
