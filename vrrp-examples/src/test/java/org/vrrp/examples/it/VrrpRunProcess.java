package org.vrrp.examples.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vrrp.examples.bench.BenchJvm;
import org.vrrp.linux.it.BackgroundProcess;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.ScratchDirectory;

/**
 * {@code java -jar vrrp.jar run -f FILE --control-socket SOCK} in a test namespace, as an operator runs
 * it: the shaded jar that {@code package} built ({@link ToolJar}), a router in a JVM of its own, so a test
 * can reload it (SIGHUP after {@link #rewrite}), stop it (SIGTERM) or {@code kill -9}, SIGSTOP and
 * SIGCONT it ({@link #signal}). The config, log and socket live in a private {@link ScratchDirectory};
 * {@link #status} reads {@code status json} from the control socket. {@link #close} is SIGCONT (a
 * stopped JVM cannot act on SIGTERM), SIGTERM, then SIGKILL after a grace period, then the directory goes
 * (the harness also kills whatever is left in a namespace when it deletes it).
 *
 * <p>The one {@code vrrp run} helper of the integration tests: {@code it}, {@code hardening} and
 * {@code differential} use it. Thread-safe as {@link BackgroundProcess} is.
 */
public final class VrrpRunProcess implements AutoCloseable {
    /** The heap the hardening and differential tests give each router JVM, several of them on a small machine. */
    public static final String SMALL_HEAP = "-Xmx128m";

    private static final Pattern FIELD = Pattern.compile("\"([^\"]+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}]+)");

    private final ScratchDirectory directory;
    private final Path socket;
    private final BackgroundProcess process;

    private VrrpRunProcess(ScratchDirectory directory, Path socket, BackgroundProcess process) {
        this.directory = directory;
        this.socket = socket;
        this.process = process;
    }

    /** The tool's shaded jar ({@link ToolJar}). */
    public static Path jar() {
        return ToolJar.path();
    }

    /**
     * Writes {@code configuration} to a file and starts {@code vrrp run} on it in {@code host}'s namespace,
     * with {@code jvmOptions} (e.g. {@link #SMALL_HEAP}) before {@code -jar}.
     */
    public static VrrpRunProcess start(Host host, String configuration, String... jvmOptions) {
        // Each process its own control socket: the default path is one per host, as a daemon's pid file is.
        return launch(host, configuration, true, jvmOptions);
    }

    /**
     * Writes {@code configuration} to a file and starts {@code vrrp run -f FILE} on it with no other
     * option, as an operator starts it from a unit file, in {@code host}'s namespace: the control socket
     * is the default one for the file (see docs/tool.md), and a {@code net_namespace} in the file is the
     * router's own business. {@link #status} does not apply: {@code vrrp status} finds the socket.
     */
    public static VrrpRunProcess startWithNoOptions(Host host, String configuration) {
        return launch(host, configuration, false);
    }

    /**
     * As {@link #start}, but the JVM runs the tool through {@link BenchJvm}, whose two allocator threads
     * allocate {@code allocMbPerS} of garbage while the file {@code allocateWhile} exists and sleep
     * otherwise: GC pressure a test can switch on and off from outside. The router is the same
     * {@code Main.main(run -f ...)} in the same JVM; only the classpath and two idle threads differ.
     */
    public static VrrpRunProcess startWithAllocator(Host host, String configuration, Path allocateWhile,
                                                    int allocMbPerS, String... jvmOptions) {
        Path examples = codeSource(BenchJvm.class);
        List<String> launcher = List.of("-cp", jar() + ":" + examples, BenchJvm.class.getName(), "--alloc-mb-per-s",
                Integer.toString(allocMbPerS), "--alloc-while", allocateWhile.toString(), "--");
        return launch(host, configuration, true, launcher, jvmOptions);
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type, e);
        }
    }

    /**
     * As {@link #start}, under {@code nohup}: the process starts with SIGHUP ignored, as one an operator starts
     * from a terminal with nohup.
     */
    public static VrrpRunProcess startUnderNohup(Host host, String configuration) {
        return launch(host, configuration, true, List.of("nohup"), List.of("-jar", jar().toString()));
    }

    private static VrrpRunProcess launch(Host host, String configuration, boolean privateSocket,
                                         String... jvmOptions) {
        return launch(host, configuration, privateSocket, List.of("-jar", jar().toString()), jvmOptions);
    }

    private static VrrpRunProcess launch(Host host, String configuration, boolean privateSocket,
                                         List<String> launcher, String... jvmOptions) {
        return launch(host, configuration, privateSocket, List.of(), launcher, jvmOptions);
    }

    private static VrrpRunProcess launch(Host host, String configuration, boolean privateSocket, List<String> prefix,
                                         List<String> launcher, String... jvmOptions) {
        ScratchDirectory dir = ScratchDirectory.create("vrrp-run-");
        Path conf = dir.write("keepalived.conf", configuration);
        Path socket = dir.resolve("vrrp.sock");
        List<String> command = new ArrayList<>(prefix);
        command.add("java");
        command.addAll(List.of(jvmOptions));
        command.addAll(launcher);
        command.addAll(List.of("run", "-f", conf.toString()));
        if (privateSocket) {
            command.addAll(List.of("--control-socket", socket.toString()));
        }
        BackgroundProcess p = new BackgroundProcess(host, "vrrp run", dir.resolve("vrrp.log"),
                command.toArray(String[]::new));
        return new VrrpRunProcess(dir, socket, p);
    }

    public long pid() {
        return process.pid();
    }

    /** Sends a signal by name (HUP, TERM, KILL, STOP, CONT) with kill(1), as an operator or systemd would. */
    public void signal(String name) {
        Command.run("kill", "-" + name, Long.toString(process.pid()));
    }

    /** Replaces the config file, for a reload by SIGHUP ({@code signal("HUP")}). */
    public void rewrite(String configuration) {
        directory.write("keepalived.conf", configuration);
    }

    /** Everything the process printed so far. */
    public String log() {
        return process.log();
    }

    /** Length of the log now: pass it to {@link #awaitLog} to wait for what comes after. */
    public int mark() {
        return log().length();
    }

    /** Waits for {@code text} at or after {@code from}; returns the index past it. */
    public int awaitLog(String text, int from, Duration timeout) {
        return process.awaitLog(text, from, timeout);
    }

    /** Waits for the process to exit on its own; returns its exit status. */
    public int awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code status json} over the control socket: the router line, then one line per instance. */
    public List<Map<String, String>> status() {
        try {
            List<Map<String, String>> lines = new ArrayList<>();
            for (String line : request("status json").split("\n")) {
                if (!line.isBlank()) {
                    lines.add(parse(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("status from " + socket + " failed; log:\n" + log(), e);
        }
    }

    /**
     * Sends one control command ({@code set-priority VI_1 50}, {@code resign VI_1}) as {@code vrrp
     * set-priority} / {@code vrrp resign} do, and returns the answer; gives up after {@code timeout} (a
     * SIGSTOPped router accepts the connection but never answers).
     *
     * @throws IOException if the socket does not answer in time or at all
     */
    public String control(String command, Duration timeout) throws IOException {
        java.util.concurrent.FutureTask<String> call = new java.util.concurrent.FutureTask<>(() -> request(command));
        Thread t = new Thread(call, "control " + command);
        t.setDaemon(true);
        t.start();
        try {
            return call.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt(); // closes the channel (an interruptible channel)
            throw new IOException("no answer to '" + command + "' within " + timeout, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String request(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (ch.read(in) >= 0) {
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** The router line of {@link #status}. */
    public Map<String, String> router() {
        return status().stream().filter(m -> "router".equals(m.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no router line in status"));
    }

    /** The line of instance {@code name}. */
    public Map<String, String> instance(String name) {
        return status().stream().filter(m -> name.equals(m.get("instance"))).findFirst()
                .orElseThrow(() -> new AssertionError("no instance " + name + " in status"));
    }

    /** Whether the control socket answers (the router has started). */
    public boolean answers() {
        try {
            status();
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Waits until the control socket answers and {@code instance} is in {@code state}. */
    public void awaitState(String instance, String state, Duration timeout) {
        Poll.until(timeout, instance + " " + state + " in " + process,
                () -> answers() && state.equals(instance(instance).get("state")));
    }

    /** A numeric field of a {@link #status} line; fails if it is missing. */
    public static long number(Map<String, String> line, String field) {
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
        directory.close();
    }
}
