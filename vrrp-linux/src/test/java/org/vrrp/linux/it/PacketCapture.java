package org.vrrp.linux.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * tcpdump in a namespace, printing (line-buffered, numeric) the packets matching a filter: with decoded
 * headers ({@code -v}), so tests can check fields the kernel sets (TOS, TTL, hop limit, traffic class) as
 * they appear on the wire, or with other options (the kernel's timestamps for timing figures). Both
 * {@code start} methods return once tcpdump is listening, so nothing sent afterwards is missed. The one
 * tcpdump wrapper of the integration tests.
 *
 * <p>Thread-safe like {@link BackgroundProcess}; {@link #close} is idempotent.
 */
public final class PacketCapture implements AutoCloseable {
    private final Path logFile;
    private final BackgroundProcess process;

    private PacketCapture(Path logFile, BackgroundProcess process) {
        this.logFile = logFile;
        this.process = process;
    }

    /** Captures {@code count} packets matching {@code filter} (pcap syntax) on {@code ifname}. */
    public static PacketCapture start(Host host, String ifname, int count, String filter) {
        return start(host, ifname, List.of("-v", "-c", Integer.toString(count)), filter);
    }

    /** Captures packets matching {@code filter} on {@code ifname} with tcpdump {@code options}, until closed. */
    public static PacketCapture start(Host host, String ifname, List<String> options, String filter) {
        Path log;
        try {
            log = Files.createTempFile("vrrp-it-tcpdump", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("tcpdump", "-i", ifname, "-n", "-l"));
        command.addAll(options);
        command.add(filter);
        BackgroundProcess p = new BackgroundProcess(host, "tcpdump", log, command.toArray(String[]::new));
        PacketCapture capture = new PacketCapture(log, p);
        try {
            p.awaitLog("listening on", Duration.ofSeconds(10));
        } catch (RuntimeException | Error e) {
            capture.close();
            throw e;
        }
        return capture;
    }

    /** Waits until tcpdump has seen its packets and exited; returns what it printed. */
    public String awaitOutput(Duration timeout) {
        process.awaitExit(timeout);
        return process.log();
    }

    /** What tcpdump printed so far. */
    public String output() {
        return process.log();
    }

    @Override
    public void close() {
        process.stop();
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException ignored) {
            // harmless
        }
    }
}
