package org.vrrp.linux.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrp.spi.ControlPeer;

/** The jnr-unixsocket server with a handler that echoes what it was given; no router, no root needed. */
class UnixControlServerTest {
    private final UnixControlSocketProvider provider = new UnixControlSocketProvider();
    private final List<ControlPeer> peers = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;
    private Path socket;
    private Closeable server;

    @BeforeEach
    void listen() throws IOException {
        assertTrue(provider.isAvailable(), provider.unavailabilityCause());
        socket = dir.resolve("run/vrrp.sock");
        server = provider.listen(socket, (line, peer) -> {
            peers.add(peer);
            return "got [" + line + "]\n";
        });
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    static String exchange(Path socket, String bytes) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.UTF_8)));
            return readAll(c);
        }
    }

    private static String readAll(SocketChannel c) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(1024);
        while (c.read(in) >= 0) {
            answer.write(in.array(), 0, in.position());
            in.clear();
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void answersOneLineWithThePeersKernelCredentials() throws IOException {
        assertEquals("got [status json]\n", exchange(socket, "status json\n"));
        assertEquals(1, peers.size());
        assertEquals(ProcessHandle.current().pid(), peers.get(0).pid(), "SO_PEERCRED names this process");
        assertEquals(provider.processUid(), peers.get(0).uid());
    }

    @Test
    void createsTheDirectoryAndLetsAnyoneConnect() throws IOException {
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void acceptsARequestWithoutNewlineAtEndOfStreamAndStripsCarriageReturn() throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap("status".getBytes(StandardCharsets.UTF_8)));
            c.shutdownOutput();
            assertEquals("got [status]\n", readAll(c));
        }
        assertEquals("got [resign VI_1]\n", exchange(socket, "resign VI_1\r\n"));
    }

    @Test
    void refusesAnOverlongLineInOneLineWithoutCallingTheHandler() throws IOException {
        String answer = exchange(socket, "x".repeat(600) + "\n");
        assertEquals("error: request longer than 512 bytes\n", answer);
        assertTrue(peers.isEmpty());
    }

    @Test
    void aSilentClientIsCutOffAndDoesNotStopTheNextOne() throws IOException {
        try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(socket));
            long start = System.nanoTime();
            assertEquals("got [status]\n", exchange(socket, "status\n"));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMillis < 3 * UnixControlServer.CLIENT_TIMEOUT_MILLIS, "waited " + waitedMillis + " ms");
            assertEquals("error: no request line within the time allowed\n", readAll(silent));
        }
    }

    @Test
    void closeStopsTheThreadAndDeletesTheFile() throws IOException {
        server.close();
        assertFalse(Files.exists(socket));
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("vrrp-control " + socket)), "server thread ended");
        server.close(); // idempotent
    }

    @Test
    void aLiveSocketIsNotTakenOver() {
        IOException e = assertThrows(IOException.class, () -> provider.listen(socket, (l, p) -> ""));
        assertTrue(e.getMessage().contains("another process is listening on " + socket), e.getMessage());
    }

    @Test
    void aStaleSocketIsReplacedAndAnOrdinaryFileIsLeftAlone() throws IOException {
        server.close();
        // A socket file nobody listens on, as a crashed run leaves it.
        try (SocketChannel bound = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            bound.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        server = provider.listen(socket, (l, p) -> "again\n");
        assertEquals("again\n", exchange(socket, "status\n"));

        Path plain = dir.resolve("plain");
        Files.writeString(plain, "data");
        IOException e = assertThrows(IOException.class, () -> provider.listen(plain, (l, p) -> ""));
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("data", Files.readString(plain));
    }
}
