package org.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vrrp.packet.VrrpPacket;

class ToBuilderTest {
    private static VrrpRouterConfig everythingSet() {
        return VrrpRouter.builder()
                .healthCheck(HealthCheckSpec.pushed("db").withWeight(-20))
                .healthCheck(HealthCheckSpec.pushed("disk").withWeight(5))
                .instance("VI_1", i -> i.interfaceName("eth0").virtualRouterId(51).priority(150)
                        .vip("192.0.2.254/24").vip("198.51.100.9/32", "eth1").vip("192.0.2.249/24", "eth0", "eth0:9").excludedVip("192.0.2.250/24").version(2)
                        .advertisementInterval(Duration.ofSeconds(2)).preempt(true)
                        .preemptDelay(Duration.ofMillis(1500)).authentication("s3cret").initialState(VrrpState.MASTER)
                        .unicastPeer("192.0.2.2").sourceAddress("192.0.2.7").trackInterface("eth1").trackInterface("eth3", -20).trackHealthCheck("db", -30)
                        .reassertOnLowerPriority(false).advertiseBeforeSteppingDown(false)
                        .garp(GarpConfig.KEEPALIVED_DEFAULTS))
                .instance("VI_6", i -> i.interfaceName("eth2").virtualRouterId(52).vip("fe80::52/64")
                        .vip("2001:db8::52/64").advertisementInterval(Duration.ofMillis(50)).preempt(false)
                        .dontTrackPrimary(true))
                .instance("VI_3", i -> i.interfaceName("eth0").virtualRouterId(53).vip("192.0.2.53").version(3)
                        .checksumWithIpv4PseudoHeader(false))
                .syncGroup("G", "VI_1", "VI_3")
                .networkNamespace("ns1")
                .shutdownHook(false)
                .realtimePriority(10)
                .build();
    }

    @Test
    void buildingTheCopyUnchangedGivesAnEqualConfig() {
        VrrpRouterConfig config = everythingSet();
        assertEquals(config, config.toBuilder().build());
    }

    @Test
    void aChangeMadeOnTheCopyLeavesTheOriginalAlone() {
        VrrpRouterConfig config = everythingSet();
        VrrpRouterConfig changed = config.toBuilder().instance("VI_9", i -> i.interfaceName("eth0")
                .virtualRouterId(59).vip("192.0.2.59")).build();
        assertEquals(3, config.instances().size());
        assertEquals(4, changed.instances().size());
        assertNotEquals(config, changed);
        assertEquals(config.instance("VI_1"), changed.instance("VI_1"));
    }

    @Test
    void authDataIsACopy() {
        VrrpRouterConfig config = everythingSet();
        byte[] auth = config.instance("VI_1").protocol().authData();
        auth[0] = 'X';
        assertArrayEquals(VrrpPacket.simpleTextAuthData("s3cret"), config.instance("VI_1").protocol().authData());
    }
}
