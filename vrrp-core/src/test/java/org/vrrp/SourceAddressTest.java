package org.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.vrrp.packet.AddressFamily;

/** {@code sourceAddress} (keepalived's unicast_src_ip): the channel is opened to send from it. */
class SourceAddressTest {
    private final MockNetwork network = new MockNetwork();

    @Test
    void theChannelIsOpenedWithTheConfiguredSource() throws Exception {
        InetAddress source = InetAddress.getByName("192.0.2.9");
        when(network.stack.openChannel(eq("eth0"), eq(AddressFamily.IPV4), anyList(), eq(source), any()))
                .thenReturn(network.channel);
        VrrpRouter router = network.owner().sourceAddress("192.0.2.9").start();
        try {
            verify(network.stack).openChannel(eq("eth0"), eq(AddressFamily.IPV4), anyList(), eq(source), any());
            assertEquals(source, router.config().instances().get(0).protocol().sourceAddress());
        } finally {
            router.close();
        }
    }

    @Test
    void aSourceOfTheOtherFamilyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network.owner().sourceAddress("2001:db8::9").build());
        assertTrue(e.getMessage().contains("sourceAddress 2001:db8::9 is not IPV4"), e.getMessage());
    }
}
