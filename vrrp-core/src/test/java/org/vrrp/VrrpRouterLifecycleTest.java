package org.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VrrpChannel;

/** The real threads of {@link VrrpRouter}, on a mocked network stack. */
class VrrpRouterLifecycleTest {
    private final NetworkProvider provider = mock(NetworkProvider.class);
    private final NetworkStack stack = mock(NetworkStack.class);
    private final VrrpChannel channel = mock(VrrpChannel.class);

    VrrpRouterLifecycleTest() throws IOException {
        when(provider.open(any())).thenReturn(stack);
        when(stack.openChannel(eq("eth0"), eq(AddressFamily.IPV4), anyList(), any())).thenReturn(channel);
        when(stack.watchLink(any(), any())).thenReturn(true);
        when(channel.localAddress()).thenReturn(InetAddress.getByName("192.0.2.1"));
        when(channel.interfaceName()).thenReturn("eth0");
        when(channel.family()).thenReturn(AddressFamily.IPV4);
    }

    private VrrpRouter.Builder owner() {
        return VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(255).vip("192.0.2.254/24")
                .networkProvider(provider).shutdownHook(false);
    }

    private static long protocolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("vrrp-\\d+-(protocol|listener|health.*)")).count();
    }

    @Test
    void aFailedStartLeavesNoThreadAndClosesTheStack() throws IOException {
        long before = protocolThreads();
        when(stack.openChannel(eq("eth9"), any(), anyList(), any()))
                .thenThrow(new IOException("interface eth9 not found; interfaces: lo, eth0"));
        VrrpException e = assertThrows(VrrpException.class, () -> owner().interfaceName("eth9").start());
        assertTrue(e.getMessage().contains("interface eth9 not found; interfaces: lo, eth0"), e.getMessage());
        verify(stack).close();
        assertEquals(before, protocolThreads(), "no router thread left running");
    }

    @Test
    void aListenerThatThrowsIsLoggedAndTheRouterCarriesOnInOrder() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch closedCallback = new CountDownLatch(1);
        VrrpRouter router = owner()
                .listener(new VrrpListener() {
                    @Override
                    public void becomeMaster(StateChange c) {
                        calls.add("thrower:" + c.to());
                        throw new IllegalStateException("listener bug");
                    }
                })
                .listener(new VrrpListener() {
                    @Override
                    public void stateChanged(StateChange c) {
                        calls.add("second:" + c.sequence() + ":" + c.to());
                        if (c.to() == VrrpState.INITIALIZE) {
                            closedCallback.countDown();
                        }
                    }
                })
                .start();
        assertEquals(VrrpState.MASTER, router.state());
        router.setPriority(255);
        assertEquals(255, router.stats().instances().get(0).effectivePriority(), "still answers after the throw");
        router.close();
        assertTrue(closedCallback.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("thrower:MASTER", "second:1:MASTER", "second:2:INITIALIZE"), calls);
    }

    @Test
    void closeSendsPriorityZeroThenRemovesTheVipAndIsIdempotent() throws Exception {
        VrrpRouter router = owner().start();
        VirtualAddress vip = router.config().instances().get(0).protocol().vips().get(0);
        verify(stack).addAddress(vip);
        router.close();
        router.close();
        InOrder order = inOrder(channel, stack);
        order.verify(channel, atLeastOnce()).send(any(), any());
        order.verify(stack).removeAddress(vip);
        order.verify(stack).close();
        verify(stack).close();
        assertThrows(IllegalStateException.class, () -> router.setPriority(100));
    }

    @Test
    void reportHealthNamesTheDeclaredChecksWhenTheNameIsUnknown() {
        try (VrrpRouter router = owner().healthCheck(HealthCheckSpec.pushed("db")).start()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> router.reportHealth("api", false));
            assertTrue(e.getMessage().contains("no health check named \"api\"; declared: [db]"), e.getMessage());
        }
    }

    @Test
    void setPriority255IsRefusedOnARouterThatDoesNotOwnTheAddress() {
        try (VrrpRouter router = owner().priority(50).start()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router.setPriority(255));
            assertTrue(e.getMessage().contains("255 is reserved for the address owner (RFC 9568 6.1)"), e.getMessage());
            assertEquals(50, router.stats().instances().get(0).effectivePriority());
        }
    }
}
