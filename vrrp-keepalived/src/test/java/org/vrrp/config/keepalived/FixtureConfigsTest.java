package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.VirtualAddress;

/** The four configurations keepalived 2.2.7 ran for the captures in ../fixtures/keepalived. */
class FixtureConfigsTest {

    @Test
    void v2AuthPass() throws Exception {
        KeepalivedConfig config = ConfFiles.read("v2-auth-pass.conf");
        VrrpInstanceDef vi = only(config);
        assertEquals("VI_1", vi.name());
        assertEquals(VrrpState.BACKUP, vi.initialState());
        assertEquals("kp-a", vi.interfaceName());
        assertEquals(1, vi.virtualRouterId());
        assertEquals(150, vi.priority());
        assertEquals(100, vi.advertIntervalCentis());
        assertEquals(2, vi.version());
        assertEquals(Optional.of("passwd"), vi.authPass());
        assertEquals(List.of(new VirtualAddress(InetAddress.getByName("192.0.2.254"), 24, "kp-a")),
                vi.virtualAddresses().stream().map(a -> a.toVirtualAddress(vi.interfaceName())).toList());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }

    @Test
    void v2NoAuthThreeVips() throws Exception {
        VrrpInstanceDef vi = only(ConfFiles.read("v2-noauth-3vips.conf"));
        assertEquals(VrrpState.MASTER, vi.initialState());
        assertEquals(51, vi.virtualRouterId());
        assertEquals(100, vi.priority());
        assertEquals(Optional.empty(), vi.authPass());
        assertEquals(List.of("192.0.2.100/24", "192.0.2.101/24", "192.0.2.102/24"),
                vi.virtualAddresses().stream().map(VirtualIpAddress::toString).toList());
        assertTrue(vi.preempt());
        assertEquals(GarpSettings.KEEPALIVED_DEFAULTS, vi.garp());
    }

    @Test
    void v3Ipv4FiftyCentiseconds() throws Exception {
        VrrpInstanceDef vi = only(ConfFiles.read("v3-ipv4-50cs.conf"));
        assertEquals("mape", vi.name());
        assertEquals(3, vi.version());
        assertEquals(245, vi.priority());
        assertEquals(50, vi.advertIntervalCentis());
        assertEquals(AddressFamily.IPV4, vi.family());
        assertFalse(vi.v3ChecksumAsV2(), "keepalived's default: IPv4 pseudo-header in the v3 checksum");
        // no prefix written: a host address, as keepalived adds it
        assertEquals(32, vi.virtualAddresses().get(0).prefixLength());
    }

    @Test
    void v3Ipv6() throws Exception {
        VrrpInstanceDef vi = only(ConfFiles.read("v3-ipv6.conf"));
        assertEquals(3, vi.version());
        assertEquals(AddressFamily.IPV6, vi.family());
        assertEquals(200, vi.priority());
        assertEquals(List.of("fe80:0:0:0:0:0:0:7/64", "2001:db8:0:0:0:0:0:7/64"),
                vi.virtualAddresses().stream().map(VirtualIpAddress::toString).toList());
    }

    @Test
    void linesOfKeywordsAreKept() throws Exception {
        VrrpInstanceDef vi = only(ConfFiles.read("v2-auth-pass.conf"));
        assertEquals(1, vi.location().line());
        assertEquals(4, vi.locationOf("virtual_router_id").line());
        assertTrue(vi.locationOf("virtual_router_id").file().endsWith("v2-auth-pass.conf"));
        assertEquals(12, vi.virtualAddresses().get(0).location().line());
    }

    private static VrrpInstanceDef only(KeepalivedConfig config) {
        assertEquals(1, config.instances().size());
        return config.instances().get(0);
    }
}
