package org.vrrp.linux.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * FRR's zebra and vrrpd in a test host's namespace, with everything of theirs (configuration, pid files, the zserv
 * socket, vty sockets, logs) in a temporary directory, so several can run beside an installed FRR. They run as the
 * {@code frr} user (FRR refuses root unless root is in the {@code frrvty} group), with no vty TCP port. Stopped by
 * their pids (SIGTERM, vrrpd first, so it leaves with priority 0), and the directory removed.
 */
final class FrrProcess implements AutoCloseable {
    static final String ZEBRA = "/usr/lib/frr/zebra";
    static final String VRRPD = "/usr/lib/frr/vrrpd";

    private final Path directory;
    private final BackgroundProcess zebra;
    private final BackgroundProcess vrrpd;

    private FrrProcess(Path directory, BackgroundProcess zebra, BackgroundProcess vrrpd) {
        this.directory = directory;
        this.zebra = zebra;
        this.vrrpd = vrrpd;
    }

    /** Starts zebra, waits for its zserv socket, then vrrpd with {@code vrrpdConfig}. */
    static FrrProcess start(Host host, String vrrpdConfig) {
        Path dir;
        try {
            dir = Files.createTempDirectory("vrrp-it-frr");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(dir.resolve("zebra.conf"), "hostname vit-zebra\n");
            Files.writeString(dir.resolve("vrrpd.conf"), vrrpdConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BackgroundProcess zebra = new BackgroundProcess(host, "zebra", dir.resolve("zebra.out"), ZEBRA,
                "-f", dir.resolve("zebra.conf").toString(), "-i", dir.resolve("zebra.pid").toString(),
                "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(), "-P", "0",
                "-u", "frr", "-g", "frr", "--log", "stdout", "--log-level", "info");
        BackgroundProcess vrrpd = null;
        try {
            Poll.until(Duration.ofSeconds(10), "zebra's zserv socket", () -> Files.exists(dir.resolve("zserv.api")));
            vrrpd = new BackgroundProcess(host, "vrrpd", dir.resolve("vrrpd.out"), VRRPD,
                    "-f", dir.resolve("vrrpd.conf").toString(), "-i", dir.resolve("vrrpd.pid").toString(),
                    "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(), "-P", "0",
                    "-u", "frr", "-g", "frr", "--log", "stdout", "--log-level", "debug");
            return new FrrProcess(dir, zebra, vrrpd);
        } catch (RuntimeException | Error e) {
            if (vrrpd != null) {
                vrrpd.close();
            }
            zebra.close();
            delete(dir);
            throw e;
        }
    }

    String vrrpdLog() {
        return vrrpd.log();
    }

    int awaitLog(String text, int fromIndex, Duration timeout) {
        return vrrpd.awaitLog(text, fromIndex, timeout);
    }

    /** SIGTERM to vrrpd: it sends priority 0 and leaves. */
    void stopVrrpd() {
        vrrpd.stop();
    }

    @Override
    public void close() {
        vrrpd.close();
        zebra.close();
        delete(directory);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: harmless
        }
    }
}
