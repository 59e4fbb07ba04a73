package org.vrrp.tool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vrrp.control.ControlProtocol;

/**
 * The client side of the control socket ({@link ControlProtocol}): sends one request line and reads the
 * answer until the router closes the connection, within {@link #TIMEOUT_MILLIS}. Uses the JDK's Unix
 * domain sockets, so the tool needs no native code for it. Not thread-safe; one exchange per instance.
 */
final class ControlClient {
    /** Longer than the server's own client timeout plus the router's API timeout, so the server speaks first. */
    static final long TIMEOUT_MILLIS = 10_000;

    /** Thrown when there is no answer; the message is one line for the user. */
    static final class NoAnswer extends IOException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ControlClient() {}

    /** Sends {@code request} to the router listening on {@code socket}; returns the whole answer. */
    static String exchange(Path socket, String request) throws NoAnswer {
        if (!Files.exists(socket)) {
            throw new NoAnswer("no router listening on " + socket + ": is `vrrp run` running?", null);
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap((request + "\n").getBytes(ControlProtocol.CHARSET));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new NoAnswer("the router on " + socket + " did not answer within " + TIMEOUT_MILLIS
                            + " ms", null);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int n = channel.read(in);
                if (n < 0) {
                    return answer.toString(ControlProtocol.CHARSET);
                }
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
        } catch (NoAnswer e) {
            throw e;
        } catch (IOException e) {
            throw new NoAnswer("no router listening on " + socket + ": is `vrrp run` running? (" + e.getMessage()
                    + ")", e);
        }
    }
}
