package org.vrrp;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetAddress;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VrrpChannel;

/**
 * A mocked network for {@link VrrpRouter}'s real threads: interface eth0 at 192.0.2.1 on which nobody
 * else speaks, so an owner is MASTER at once and any other instance after its Master_Down_Interval.
 */
final class MockNetwork {
    final NetworkProvider provider = mock(NetworkProvider.class);
    final NetworkStack stack = mock(NetworkStack.class);
    final VrrpChannel channel = mock(VrrpChannel.class);

    MockNetwork() {
        try {
            when(provider.open(any())).thenReturn(stack);
            when(stack.openChannel(eq("eth0"), eq(AddressFamily.IPV4), anyList(), any())).thenReturn(channel);
            when(stack.watchLink(any(), any())).thenReturn(true);
            // A kernel that had none of the VIPs: each add is ours. The batch call runs the SPI's default (one by one).
            when(stack.addAddress(any())).thenReturn(true);
            doCallRealMethod().when(stack).addAddresses(anyList(), any());
            when(channel.localAddress()).thenReturn(InetAddress.getByName("192.0.2.1"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        when(channel.interfaceName()).thenReturn("eth0");
        when(channel.family()).thenReturn(AddressFamily.IPV4);
    }

    /** An owner (priority 255) of VRID 51 on eth0: MASTER as soon as it starts. */
    VrrpRouter.Builder owner() {
        return VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(255).vip("192.0.2.254/24")
                .networkProvider(provider).shutdownHook(false);
    }

    /**
     * A VRRPv3 instance at 10 ms adverts and priority 100: BACKUP at start, MASTER some 40 ms later since
     * it hears no one, and after a resign BACKUP then MASTER again.
     */
    VrrpRouter.Builder fastBackup() {
        return owner().priority(100).version(3).advertisementInterval(java.time.Duration.ofMillis(10));
    }
}
