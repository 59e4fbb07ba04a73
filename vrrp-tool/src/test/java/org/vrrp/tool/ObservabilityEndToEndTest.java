package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrp.InstanceStats;
import org.vrrp.RouterStats;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.metrics.VrrpMeterBinder;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VrrpChannel;

/**
 * A real {@link VrrpRouter} (its threads, its control socket) on a mocked network: a scripted failover
 * and an operator's resign, then the same figures read through {@code stats()}, through Micrometer and
 * through {@code vrrp status --json}.
 */
class ObservabilityEndToEndTest {
    private static final InetAddress US = address("192.0.2.1");
    private static final InetAddress PEER = address("192.0.2.9");
    private static final InetAddress GROUP = address("224.0.0.18");
    private static final InetAddress VIP = address("192.0.2.254");
    /** v3 at 40 s: no periodic advert during the test, so the counters hold still while we compare. */
    private static final int INTERVAL_CENTIS = 4_000;

    @TempDir
    Path dir;
    private final BlockingQueue<StateChange> transitions = new LinkedBlockingQueue<>();
    private final AtomicReference<PacketHandler> wire = new AtomicReference<>();
    private VrrpRouter router;

    @AfterEach
    void closeRouter() {
        if (router != null) {
            router.close();
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private NetworkProvider mockedNetwork() throws IOException {
        NetworkProvider provider = mock(NetworkProvider.class);
        NetworkStack stack = mock(NetworkStack.class);
        VrrpChannel channel = mock(VrrpChannel.class);
        when(provider.open(any())).thenReturn(stack);
        when(stack.openChannel(eq("eth0"), eq(AddressFamily.IPV4), anyList(), any())).thenAnswer(call -> {
            wire.set(call.getArgument(3));
            return channel;
        });
        when(stack.watchLink(any(), any())).thenReturn(true);
        // A kernel that had none of the VIPs: each add is ours. The batch call runs the SPI's default (one by one).
        when(stack.addAddress(any())).thenReturn(true);
        doCallRealMethod().when(stack).addAddresses(anyList(), any());
        when(channel.localAddress()).thenReturn(US);
        when(channel.interfaceName()).thenReturn("eth0");
        when(channel.family()).thenReturn(AddressFamily.IPV4);
        return provider;
    }

    private Path startRouter() throws IOException {
        Path socket = dir.resolve("vrrp.sock");
        router = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).version(3).priority(254)
                .advertisementInterval(Duration.ofMillis(INTERVAL_CENTIS * 10L)).vip("192.0.2.254/24")
                .initialState(VrrpState.MASTER)
                .networkProvider(mockedNetwork()).shutdownHook(false).controlSocket(socket)
                .listener(new VrrpListener() {
                    @Override
                    public void stateChanged(StateChange change) {
                        transitions.add(change);
                    }
                })
                .start();
        return socket;
    }

    private static byte[] advert(int vrid, int priority) {
        VrrpPacket advert = VrrpPacket.v3(AddressFamily.IPV4, vrid, priority, INTERVAL_CENTIS, List.of(VIP));
        ByteBuf buffer = Unpooled.buffer(64);
        VrrpCodec.encode(advert, ChecksumForm.IPV4_PSEUDO_HEADER, PEER.getAddress(), GROUP.getAddress(), buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

    private void receive(int vrid, int priority, int ttl) {
        deliver(advert(vrid, priority), ttl);
    }

    private void deliver(byte[] message, int ttl) {
        wire.get().onPacket(new ReceivedPacket("eth0", PEER, GROUP, ttl, message));
    }

    private StateChange nextTransition() throws InterruptedException {
        StateChange change = transitions.poll(5, TimeUnit.SECONDS);
        assertNotNull(change, "no transition within 5 s");
        return change;
    }

    /** The scripted failover: a higher priority master appears, a bad packet or three, then it resigns. */
    private void scriptedFailover() throws InterruptedException {
        assertEquals("(VI_51) INITIALIZE -> MASTER: initial state MASTER", nextTransition().toString().replaceFirst(
                ": .*", ": initial state MASTER"));
        receive(51, 255, 255);
        assertEquals("(VI_51) MASTER -> BACKUP: higher priority 255 from 192.0.2.9", nextTransition().toString());
        receive(51, 255, 64);                                 // TTL error: crossed a router
        receive(77, 255, 255);                                // a VRID nobody here runs
        byte[] corrupt = advert(51, 255);
        corrupt[2] = 0x55;                                    // priority byte: the checksum no longer verifies
        deliver(corrupt, 255);
        receive(51, 0, 255);                                  // the master resigns
        assertEquals("(VI_51) BACKUP -> MASTER: master 192.0.2.9 resigned (priority 0)", nextTransition().toString());
    }

    @Test
    void apiMicrometerAndStatusJsonAgreeAfterAFailoverAndAResign() throws Exception {
        Path socket = startRouter();
        scriptedFailover();

        CommandRun resign = CommandRun.of("resign", "VI_51", "--socket", socket.toString());
        assertEquals(0, resign.exitCode(), resign.err());
        assertEquals("ok: VI_51 resigned (priority 1 until set-priority)\n", resign.out());
        assertEquals("(VI_51) MASTER -> BACKUP: resigned by operator", nextTransition().toString());

        RouterStats api = router.stats();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new VrrpMeterBinder(router, Tags.empty(), Duration.ZERO).bindTo(registry);
        CommandRun status = CommandRun.of("status", "--json", "--socket", socket.toString());
        assertEquals(0, status.exitCode(), status.err());
        List<String> lines = status.outLines();
        assertEquals(2, lines.size(), status.out());
        Map<String, Object> routerJson = MiniJson.parseObject(lines.get(0));
        Map<String, Object> json = MiniJson.parseObject(lines.get(1));

        InstanceStats i = api.instance("VI_51");
        // The figures the script implies, so that three readers agreeing on a wrong figure still fails.
        assertEquals(VrrpState.BACKUP, i.state());
        assertEquals(4, i.transitions());
        assertEquals(2, i.becameMaster());
        assertEquals(4, i.advertsSent(), "master at start, one as it steps down to 255 (advertiseBeforeSteppingDown),"
                + " master again, then the resign at priority 0");
        assertEquals(1, i.priorityZeroSent());
        assertEquals(3, i.advertsReceived(), "the TTL-64 one is counted as received, then dropped");
        assertEquals(1, i.priorityZeroReceived());
        assertEquals(1, i.ttlErrors());
        assertEquals(1, api.checksumErrors());
        assertEquals(1, api.vridErrors());
        assertEquals(Map.of("192.0.2.9", "pseudo-header"), i.peerChecksumForms());

        Map<String, Long> perInstance = Map.of(
                "transitions", i.transitions(), "became_master", i.becameMaster(), "adverts_sent", i.advertsSent(),
                "adverts_received", i.advertsReceived(), "priority_zero_sent", i.priorityZeroSent(),
                "priority_zero_received", i.priorityZeroReceived(), "ttl_errors", i.ttlErrors(),
                "configured_priority", (long) i.configuredPriority(), "effective_priority", (long) i.effectivePriority());
        Map<String, String> meterOf = Map.of(
                "transitions", "vrrp.transitions", "became_master", "vrrp.became.master",
                "adverts_sent", "vrrp.adverts.sent", "adverts_received", "vrrp.adverts.received",
                "priority_zero_sent", "vrrp.adverts.priority.zero.sent",
                "priority_zero_received", "vrrp.adverts.priority.zero.received");
        for (Map.Entry<String, Long> e : perInstance.entrySet()) {
            assertEquals(e.getValue(), json.get(e.getKey()), "status --json " + e.getKey());
            String meter = meterOf.get(e.getKey());
            if (meter != null) {
                assertEquals(e.getValue(), registry.get(meter).tag("instance", "VI_51").functionCounter().count(), 0.0,
                        meter);
            }
        }
        assertEquals(i.ttlErrors(), registry.get("vrrp.errors").tags("instance", "VI_51", "reason", "ttl")
                .functionCounter().count(), 0.0);
        assertEquals(i.effectivePriority(), registry.get("vrrp.priority.effective").gauge().value(), 0.0);
        assertEquals(VrrpMeterBinder.stateValue(i.state()), registry.get("vrrp.state").gauge().value(), 0.0);
        assertEquals("BACKUP", json.get("state"));
        assertEquals("resigned by operator", json.get("last_transition_reason"));
        assertEquals("pseudo-header", json.get("peer_checksum_form.192.0.2.9"));

        assertEquals(api.checksumErrors(), routerJson.get("checksum_errors"));
        assertEquals(api.vridErrors(), routerJson.get("vrid_errors"));
        assertEquals(api.checksumErrors(), registry.get("vrrp.receive.errors").tag("reason", "bad-checksum")
                .functionCounter().count(), 0.0);
        assertEquals(api.unknownVridPackets(), registry.get("vrrp.receive.errors").tag("reason", "unknown-vrid")
                .functionCounter().count(), 0.0);
    }

    @Test
    void operatorCommandsAnswerInOneLineAndCloseRemovesTheSocket() throws Exception {
        Path socket = startRouter();
        nextTransition();

        CommandRun text = CommandRun.of("status", "--socket", socket.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("VI_51: MASTER for "), text.out());

        CommandRun lower = CommandRun.of("set-priority", "VI_51", "200", "--socket", socket.toString());
        assertEquals(List.of("ok: VI_51 priority set to 200"), lower.outLines());
        assertEquals(200, router.stats().instance("VI_51").configuredPriority());

        CommandRun unknown = CommandRun.of("resign", "VI_9", "--socket", socket.toString());
        assertEquals(1, unknown.exitCode());
        assertEquals(List.of("vrrp resign: no instance named \"VI_9\"; instances: [VI_51]"), unknown.errLines());

        CommandRun outOfRange = CommandRun.of("set-priority", "VI_51", "300", "--socket", socket.toString());
        assertEquals(1, outOfRange.exitCode());
        assertEquals(List.of("vrrp set-priority: priority must be in 1..255, got 300"), outOfRange.errLines());

        router.close();
        assertFalse(Files.exists(socket), "close() removes the socket file");
        CommandRun gone = CommandRun.of("status", "--socket", socket.toString());
        assertEquals(1, gone.exitCode());
        assertEquals(List.of("vrrp status: no router listening on " + socket + ": is `vrrp run` running?"),
                gone.errLines());
        assertEquals(200, router.stats().instance("VI_51").configuredPriority(), "stats() after close: final figures");
        assertEquals(VrrpState.INITIALIZE, router.stats().instance("VI_51").state());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CommandRun missing = CommandRun.of("set-priority", "VI_51");
        assertEquals(2, missing.exitCode());
        assertEquals(List.of("vrrp set-priority: missing N (try 'vrrp set-priority --help')"), missing.errLines());
        CommandRun extra = CommandRun.of("status", "VI_51");
        assertEquals(2, extra.exitCode());
        assertEquals(List.of("vrrp status: unexpected argument 'VI_51' (try 'vrrp status --help')"), extra.errLines());
        CommandRun json = CommandRun.of("resign", "VI_51", "--json");
        assertEquals(2, json.exitCode(), "--json is for status only");
    }
}
