package org.vrrp.linux.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * tcpdump in a namespace, printing decoded headers ({@code -v}) of packets matching a filter, so tests
 * can check fields the kernel sets (TOS, TTL, hop limit, traffic class) as they appear on the wire.
 * {@link #start} returns once tcpdump is listening, so nothing sent afterwards is missed.
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
        Path log;
        try {
            log = Files.createTempFile("vrrp-it-tcpdump", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BackgroundProcess p = new BackgroundProcess(host, "tcpdump", log, "tcpdump", "-i", ifname, "-n", "-v",
                "-l", "-c", Integer.toString(count), filter);
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
