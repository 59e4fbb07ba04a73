package org.vrrp.examples.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vrrp.examples.it.ToolJar;
import org.vrrp.linux.it.BackgroundProcess;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;

/**
 * {@code java -jar vrrp.jar run -f FILE --control-socket SOCK} in a test namespace: a router in a JVM
 * of its own, so a test can {@code kill -9}, SIGSTOP and SIGCONT it. The config, log and socket live in
 * a private temporary directory; {@link #status} reads {@code status json} from the control socket.
 * {@link #close} is SIGTERM, then SIGKILL after a grace period (the harness also kills whatever is left
 * in a namespace when it deletes it). Thread-safe as {@link BackgroundProcess} is.
 */
public final class VrrpProcess implements AutoCloseable {
    private static final Pattern FIELD = Pattern.compile("\"([^\"]+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}]+)");

    private final Path directory;
    private final Path socket;
    private final BackgroundProcess process;

    private VrrpProcess(Path directory, Path socket, BackgroundProcess process) {
        this.directory = directory;
        this.socket = socket;
        this.process = process;
    }

    /** The tool's shaded jar ({@link ToolJar}). */
    static Path jar() {
        return ToolJar.path();
    }

    /** Writes {@code configuration} to a file and starts {@code vrrp run} on it in {@code host}'s namespace. */
    public static VrrpProcess start(Host host, String configuration) {
        try {
            Path dir = Files.createTempDirectory("vrrp-hard-");
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, configuration);
            Path socket = dir.resolve("vrrp.sock");
            BackgroundProcess p = new BackgroundProcess(host, "vrrp run", dir.resolve("vrrp.log"), "java",
                    "-Xmx128m", "-jar", jar().toString(), "run", "-f", conf.toString(), "--control-socket",
                    socket.toString());
            return new VrrpProcess(dir, socket, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Sends a signal by name (KILL, STOP, CONT) with kill(1). */
    public void signal(String name) {
        Command.run("kill", "-" + name, Long.toString(process.pid()));
    }

    public String log() {
        return process.log();
    }

    /** Replaces the config file, for a reload by SIGHUP ({@code signal("HUP")}). */
    public void rewrite(String configuration) {
        try {
            Files.writeString(directory.resolve("keepalived.conf"), configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int mark() {
        return log().length();
    }

    /** Waits for {@code text} at or after {@code from}; returns the index past it. */
    int awaitLog(String text, int from, Duration timeout) {
        return process.awaitLog(text, from, timeout);
    }

    int awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code status json} over the control socket: the router line, then one line per instance. */
    List<Map<String, String>> status() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("status json\n".getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (ch.read(in) >= 0) {
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
            List<Map<String, String>> lines = new ArrayList<>();
            for (String line : answer.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(parse(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("status from " + socket + " failed; log:\n" + log(), e);
        }
    }

    /** The router line of {@link #status}. */
    Map<String, String> router() {
        return status().stream().filter(m -> "router".equals(m.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no router line in status"));
    }

    /** The line of instance {@code name}. */
    Map<String, String> instance(String name) {
        return status().stream().filter(m -> name.equals(m.get("instance"))).findFirst()
                .orElseThrow(() -> new AssertionError("no instance " + name + " in status"));
    }

    /** Whether the control socket answers (the router has started). */
    boolean answers() {
        try {
            status();
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Waits until the control socket answers and {@code instance} is in {@code state}. */
    void awaitState(String instance, String state, Duration timeout) {
        Poll.until(timeout, instance + " " + state + " in " + process,
                () -> answers() && state.equals(instance(instance).get("state")));
    }

    static long number(Map<String, String> line, String field) {
        String v = line.get(field);
        if (v == null) {
            throw new AssertionError("no field " + field + " in " + line);
        }
        return Long.parseLong(v);
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher f = FIELD.matcher(line);
        while (f.find()) {
            m.put(f.group(1), f.group(3) != null ? f.group(3) : f.group(2));
        }
        return m;
    }

    /** Stops the process (SIGCONT, SIGTERM, then SIGKILL) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            // A stopped JVM cannot act on SIGTERM: continue it first.
            Command.runUnchecked("kill", "-CONT", Long.toString(process.pid()));
        }
        process.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
