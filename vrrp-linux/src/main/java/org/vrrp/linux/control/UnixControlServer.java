package org.vrrp.linux.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jnr.unixsocket.Credentials;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.control.ControlProtocol;
import org.vrrp.spi.ControlHandler;
import org.vrrp.spi.ControlPeer;

/**
 * A Unix stream socket that serves the control protocol ({@link ControlProtocol}): one request line per
 * connection, answered by a {@link ControlHandler} with the peer's SO_PEERCRED credentials, then closed.
 *
 * <p>One daemon thread accepts and serves connections one at a time; it never touches the router's
 * protocol thread other than through the handler. A client gets {@link #CLIENT_TIMEOUT_MILLIS} in all to
 * send its line and read the answer, and at most {@link ControlProtocol#MAX_REQUEST_BYTES}, so a slow or
 * hostile client delays other clients by that much at worst and the router not at all.
 *
 * <p>The socket file gets mode 0666: anyone on the host may read status; the handler decides who may
 * change anything. {@link #close()} stops the thread and deletes the file; idempotent.
 */
final class UnixControlServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger("org.vrrp.control");
    static final int CLIENT_TIMEOUT_MILLIS = 2_000;
    /** sun_path is 108 bytes with its terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;
    private static final int MAX_ACCEPT_FAILURES_IN_A_ROW = 100;
    private static final int MAX_DISCARD_BYTES = 64 * 1024;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final UnixServerSocketChannel server;
    private final ControlHandler handler;
    private final SocketLibC libc;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UnixControlServer(Path path, UnixServerSocketChannel server, ControlHandler handler, SocketLibC libc) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.libc = libc;
        this.thread = new Thread(this::acceptLoop, "vrrp-control " + path);
        this.thread.setDaemon(true);
    }

    static UnixControlServer start(Path path, ControlHandler handler, SocketLibC libc) throws IOException {
        Path absolute = path.toAbsolutePath();
        if (absolute.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("control socket path " + absolute + " is longer than " + MAX_PATH_BYTES
                    + " bytes, the limit of a Unix socket address; choose a shorter one");
        }
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        removeStaleSocket(absolute);
        UnixServerSocketChannel server = UnixServerSocketChannel.open();
        try {
            server.socket().bind(new UnixSocketAddress(absolute.toFile()));
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(absolute);
            throw new IOException("could not listen on " + absolute + ": " + e.getMessage(), e);
        }
        UnixControlServer s = new UnixControlServer(absolute, server, handler, libc);
        s.thread.start();
        LOG.info("control socket listening on {}", absolute);
        return s;
    }

    /**
     * A socket file nobody listens on is what a crashed run leaves: replace it. A live socket means
     * another router owns the path; any other kind of file is not ours to delete.
     */
    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket; remove it or choose another control socket path");
        }
        boolean live;
        try (UnixSocketChannel probe = UnixSocketChannel.open(new UnixSocketAddress(path.toFile()))) {
            live = probe.isConnected();
        } catch (IOException e) {
            live = false; // ECONNREFUSED: nobody listens
        }
        if (live) {
            throw new IOException("another process is listening on " + path + " (is another router running?);"
                    + " stop it or choose another control socket path");
        }
        LOG.info("removing stale control socket {}", path);
        Files.delete(path);
    }

    private void acceptLoop() {
        int failuresInARow = 0;
        while (!closed.get()) {
            UnixSocketChannel client;
            try {
                client = server.accept();
            } catch (IOException | RuntimeException e) {
                // After close() shut the socket down, accept fails (jnr throws NotYetBoundException): that is the exit.
                if (closed.get()) {
                    return;
                }
                LOG.warn("control socket {}: accept failed: {}", path, e.toString());
                if (++failuresInARow == MAX_ACCEPT_FAILURES_IN_A_ROW) {
                    LOG.error("control socket {}: accept keeps failing; no longer serving `vrrp status` (the router"
                            + " itself carries on)", path);
                    return;
                }
                continue;
            }
            failuresInARow = 0;
            if (client == null) {
                continue;
            }
            try (client) {
                serve(client);
            } catch (IOException | RuntimeException e) {
                LOG.debug("control socket {}: client dropped: {}", path, e.toString());
            }
        }
    }

    private void serve(UnixSocketChannel client) throws IOException {
        client.setOption(UnixSocketOptions.SO_RCVTIMEO, CLIENT_TIMEOUT_MILLIS);
        client.setOption(UnixSocketOptions.SO_SNDTIMEO, CLIENT_TIMEOUT_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLIENT_TIMEOUT_MILLIS);
        ControlPeer peer = peerOf(client);
        RequestLine request = RequestLine.read(client, deadline);
        String response = request.line() != null ? handler.handle(request.line(), peer)
                : ControlProtocol.ERROR_PREFIX + request.problem() + "\n";
        ByteBuffer out = ByteBuffer.wrap(response.getBytes(ControlProtocol.CHARSET));
        while (out.hasRemaining()) {
            if (client.write(out) <= 0) {
                return; // SO_SNDTIMEO expired: the client does not read; drop it
            }
        }
        if (request.line() == null) {
            discardUnread(client);
        }
    }

    /**
     * Closing a socket with unread input resets the connection, and the client would lose our answer:
     * after an overlong request, end our side and read what is left (bounded by size and the timeout).
     */
    private static void discardUnread(UnixSocketChannel client) throws IOException {
        client.shutdownOutput();
        ByteBuffer sink = ByteBuffer.allocate(4096);
        for (int total = 0; total < MAX_DISCARD_BYTES; ) {
            int n = client.read(sink);
            if (n <= 0) {
                return; // end of stream, or the receive timeout expired
            }
            total += n;
            sink.clear();
        }
    }

    private static ControlPeer peerOf(UnixSocketChannel client) {
        try {
            Credentials c = client.getOption(UnixSocketOptions.SO_PEERCRED);
            return new ControlPeer(Integer.toUnsignedLong(c.getUid()), c.getPid());
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not read SO_PEERCRED: {}", e.toString());
            return ControlPeer.unknown();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // close(2) does not wake a thread blocked in accept(2) on Linux; shutdown(2) does.
        if (libc.shutdown(server.getFD(), SocketLibC.SHUT_RDWR) != 0) {
            LOG.warn("control socket {}: shutdown(2) failed; its thread may stay blocked in accept", path);
        }
        try {
            thread.join(2L * CLIENT_TIMEOUT_MILLIS + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        Files.deleteIfExists(path);
        LOG.info("control socket {} closed", path);
    }
}
