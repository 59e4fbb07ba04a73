package org.vrrp.linux.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrp.LatenessHistogram;
import org.vrrp.RouterStats;
import org.vrrp.control.ControlAuthorization;
import org.vrrp.control.ControlService;

/**
 * SO_PEERCRED for real: a client process running as another user (nobody, through {@code setpriv}) may
 * read status but not change the router. Needs root to switch user; skipped otherwise.
 */
class OtherUserTest {
    private static final int NOBODY = 65534;
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    /** A client in one Java source file, run with the JDK's source launcher. */
    private static final String CLIENT = """
            import java.net.*; import java.nio.*; import java.nio.channels.*; import java.nio.charset.*;
            public class Client {
                public static void main(String[] a) throws Exception {
                    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                        c.connect(UnixDomainSocketAddress.of(a[0]));
                        c.write(ByteBuffer.wrap((a[1] + "\\n").getBytes(StandardCharsets.UTF_8)));
                        ByteBuffer in = ByteBuffer.allocate(4096);
                        while (c.read(in) >= 0) { }
                        System.out.print(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                    }
                }
            }
            """;

    @TempDir
    Path dir;
    private final List<String> changes = new CopyOnWriteArrayList<>();

    private final ControlService.Target target = new ControlService.Target() {
        @Override
        public RouterStats stats() {
            return new RouterStats(List.of(), Map.of(), 0, 0, 0, LatenessHistogram.empty());
        }

        @Override
        public void setPriority(String instance, int priority) {
            changes.add("set-priority " + instance + " " + priority);
        }

        @Override
        public void resign(String instance) {
            changes.add("resign " + instance);
        }
    };

    private String asNobody(Path client, Path socket, String request) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                java.toString(), client.toString(), socket.toString(), request)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "client did not finish");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void anotherUserReadsStatusButCannotChangeTheRouter() throws Exception {
        UnixControlSocketProvider provider = new UnixControlSocketProvider();
        assumeTrue(provider.isAvailable() && provider.processUid() == 0 && Files.isExecutable(SETPRIV),
                "needs root and setpriv to run a client as another user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path client = Files.writeString(dir.resolve("Client.java"), CLIENT);
        Path socket = dir.resolve("vrrp.sock");
        try (Closeable server = provider.listen(socket,
                new ControlService(target, new ControlAuthorization(provider.processUid())))) {
            assertEquals("error: permission denied: changing the router needs root or uid 0 (the router's user);"
                    + " request came from uid " + NOBODY + "\n", asNobody(client, socket, "resign VI_1"));
            assertEquals(List.of(), changes, "nothing changed");
            String status = asNobody(client, socket, "status json");
            assertTrue(status.startsWith("{\"kind\":\"router\""), status);
        }
    }
}
