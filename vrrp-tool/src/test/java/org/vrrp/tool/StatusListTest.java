package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrp.config.keepalived.KeepalivedConfigReader;

/** Default socket names per net_namespace/instance, and {@code vrrp status} listing every router of the host. */
class StatusListTest {
    @TempDir
    Path dir;
    private final List<ServerSocketChannel> servers = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (ServerSocketChannel s : servers) {
            s.close();
        }
    }

    /** A router stand-in: answers each request with {@code answer} and closes the connection. */
    private void router(Path socket, String answer) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        servers.add(server);
        Thread t = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    c.read(ByteBuffer.allocate(256));
                    c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private String status(List<String> args) throws UsageException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new StatusCommand(dir).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return exit + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void defaultSocketIsNamedAfterNamespaceAndInstanceLikeKeepalivedPidFiles() throws Exception {
        assertEquals(Path.of("/run/vrrp/vrrp.sock"), SocketPaths.forName(Optional.empty()));
        String vi = "vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  192.0.2.1\n }\n}\n";
        assertEquals(Path.of("/run/vrrp/vrrp_blue.sock"), SocketPaths.forName(
                KeepalivedConfigReader.parse("net_namespace blue\n" + vi, "k").processName()));
        assertEquals(Path.of("/run/vrrp/vrrp_red.sock"), SocketPaths.forName(
                KeepalivedConfigReader.parse("global_defs {\n net_namespace red\n}\n" + vi, "k").processName()));
        assertEquals(Path.of("/run/vrrp/vrrp_lb1.sock"), SocketPaths.forName(
                KeepalivedConfigReader.parse("instance lb1\n" + vi, "k").processName()));
        assertEquals(Path.of("/run/vrrp/vrrp_blue_lb1.sock"), SocketPaths.forName(
                KeepalivedConfigReader.parse("net_namespace blue\ninstance lb1\n" + vi, "k").processName()));
        assertEquals(Path.of("/run/vrrp/vrrp.sock"), SocketPaths.forName(
                KeepalivedConfigReader.parse(vi, "k").processName()));
    }

    @Test
    void dashNPicksOneRouter() throws Exception {
        ControlCall call = ControlCall.parse(List.of("-n", "blue"), true, List.of());
        assertEquals(Path.of("/run/vrrp/vrrp_blue.sock"), call.socket());
        assertEquals(true, call.socketGiven());
    }

    @Test
    void statusWithNoPathListsEveryRouter() throws Exception {
        router(dir.resolve("vrrp_blue.sock"), "VI_1 MASTER\n");
        router(dir.resolve("vrrp_red.sock"), "VI_1 BACKUP\n");
        router(dir.resolve("vrrp.sock"), "VI_9 MASTER\n");
        assertEquals("0\n== (default) (" + dir.resolve("vrrp.sock") + ")\nVI_9 MASTER\n"
                + "== blue (" + dir.resolve("vrrp_blue.sock") + ")\nVI_1 MASTER\n"
                + "== red (" + dir.resolve("vrrp_red.sock") + ")\nVI_1 BACKUP\n", status(List.of()));
        assertEquals("0\n{\"router\":\"blue\",\"socket\":\"" + dir.resolve("vrrp_blue.sock") + "\"}\nVI_1 MASTER\n"
                        + "{\"router\":\"red\",\"socket\":\"" + dir.resolve("vrrp_red.sock") + "\"}\nVI_1 BACKUP\n",
                status(List.of("--json")).replaceFirst("\\{\"router\":\"\".*\\nVI_9 MASTER\\n", ""));
        assertEquals("0\nVI_1 BACKUP\n", status(List.of("--socket", dir.resolve("vrrp_red.sock").toString())));
    }

    @Test
    void oneRouterIsShownAsBefore() throws Exception {
        router(dir.resolve("vrrp_blue.sock"), "VI_1 MASTER\n");
        assertEquals("0\nVI_1 MASTER\n", status(List.of()));
    }

    @Test
    void noRouterIsSaidSo() throws Exception {
        String out = status(List.of());
        assertEquals("1\nvrrp status: no router listening on " + dir.resolve("vrrp.sock") + ": is `vrrp run` running?\n",
                out);
    }
}
