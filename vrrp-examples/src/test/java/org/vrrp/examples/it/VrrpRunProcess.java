package org.vrrp.examples.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.vrrp.linux.it.BackgroundProcess;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;

/**
 * {@code java -jar vrrp.jar run -f FILE} in a test namespace, as an operator runs it: the shaded jar
 * that {@code package} built, a config file in a private temporary directory, output in a log file.
 * {@link #close} is SIGTERM (graceful stop), SIGKILL after a grace period, then the directory goes.
 */
final class VrrpRunProcess implements AutoCloseable {
    private final Path directory;
    private final Path config;
    private final BackgroundProcess process;

    private VrrpRunProcess(Path directory, Path config, BackgroundProcess process) {
        this.directory = directory;
        this.config = config;
        this.process = process;
    }

    /** The tool's jar ({@link ToolJar}). */
    static Path jar() {
        return ToolJar.path();
    }

    /** Writes {@code configuration} to a file and starts the tool on it in {@code host}'s namespace. */
    static VrrpRunProcess start(Host host, String configuration) {
        // Each process its own control socket: the default path is one per host, as a daemon's pid file is.
        return start(host, configuration, true);
    }

    /**
     * Writes {@code configuration} to a file and starts {@code vrrp run -f FILE} on it with no other
     * option, as an operator starts it from a unit file, in {@code host}'s namespace: the control socket
     * is the default one for the file (see docs/tool.md), and a {@code net_namespace} in the file is the
     * router's own business.
     */
    static VrrpRunProcess startWithNoOptions(Host host, String configuration) {
        return start(host, configuration, false);
    }

    private static VrrpRunProcess start(Host host, String configuration, boolean privateSocket) {
        Path dir;
        try {
            dir = Files.createTempDirectory("vrrp-it-run-");
            Files.writeString(dir.resolve("keepalived.conf"), configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path conf = dir.resolve("keepalived.conf");
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar().toString(), "run", "-f", conf.toString()));
        if (privateSocket) {
            command.addAll(List.of("--control-socket", dir.resolve("vrrp.sock").toString()));
        }
        BackgroundProcess p = new BackgroundProcess(host, "vrrp run", dir.resolve("vrrp.log"),
                command.toArray(String[]::new));
        return new VrrpRunProcess(dir, conf, p);
    }

    /** Replaces the config file, for a reload. */
    void rewrite(String configuration) {
        try {
            Files.writeString(config, configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGHUP (reload), as {@code kill -HUP} would. */
    void hangup() {
        Command.run("kill", "-HUP", Long.toString(process.pid()));
    }

    /** Sends SIGTERM (graceful stop), as systemd would; {@link #awaitExit} gives the status. */
    void terminate() {
        Command.run("kill", "-TERM", Long.toString(process.pid()));
    }

    String log() {
        return process.log();
    }

    /** Length of the log now: pass it to {@link #awaitLog} to wait for what comes after. */
    int mark() {
        return log().length();
    }

    int awaitLog(String text, int fromIndex, Duration timeout) {
        return process.awaitLog(text, fromIndex, timeout);
    }

    int awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
