package org.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;

class ConfigValidationTest {
    private static VrrpRouter.Builder valid() {
        return VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).vip("192.0.2.254/24");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("vrid 0", b -> b.virtualRouterId(0), "virtualRouterId must be in 1..255, got 0"),
                bad("vrid 300", b -> b.virtualRouterId(300), "virtualRouterId must be in 1..255, got 300"),
                bad("priority 0", b -> b.priority(0), "priority must be in 1..255, got 0"),
                bad("priority 256", b -> b.priority(256), "priority must be in 1..255, got 256"),
                bad("no interface", b -> b.interfaceName(null), "interfaceName is not set"),
                bad("long interface", b -> b.interfaceName("a-very-long-interface"), "longer than 15"),
                bad("v2 sub-second", b -> b.advertisementInterval(Duration.ofMillis(500)),
                        "not allowed in VRRPv2: whole seconds 1..255 only; for sub-second adverts use version(3)"),
                bad("v3 too long", b -> b.version(3).advertisementInterval(Duration.ofSeconds(41)),
                        "advertisementInterval PT41S must be a multiple of 10 ms from 10 ms to 40950 ms"),
                bad("v3 not 10ms", b -> b.version(3).advertisementInterval(Duration.ofMillis(15)), "multiple of 10 ms"),
                bad("version 4", b -> b.version(4), "version must be 2 or 3, got 4"),
                bad("v2 ipv6", b -> b.version(2).vip("fe80::1"), "is IPV6 but vip 192.0.2.254 is IPV4"),
                bad("nopreempt master", b -> b.preempt(false).initialState(VrrpState.MASTER),
                        "nopreempt only makes sense with initial state BACKUP"),
                bad("auth too long", b -> b.authentication("ninechars"), "must be 1..8 printable ASCII"),
                bad("auth v3", b -> b.version(3).authentication("x"), "authentication is a VRRPv2 feature"),
                bad("bad vip", b -> b.vip("192.0.2.300"), "vip \"192.0.2.300\" is not a valid address"),
                bad("hostname vip", b -> b.vip("gateway.example"), "host names are not looked up"),
                bad("bad prefix", b -> b.vip("192.0.2.5/33"), "prefix length must be in 1..32, got 33"),
                bad("same vip twice", b -> b.vip("192.0.2.254/24"), "instance \"VI_51\": vip 192.0.2.254 is listed twice"
                        + " (vip(\"192.0.2.254/24\") and vip(\"192.0.2.254/24\")): remove one of the calls"),
                bad("same vip without prefix twice", b -> b.vip("192.0.2.60").vip("192.0.2.60"),
                        "vip 192.0.2.60 is listed twice"),
                bad("same ipv6 vip in two spellings", b -> b.version(3).instance("V6", i -> i.vip("fe80::64")
                        .vip("2001:db8::60/64").vip("2001:DB8:0::60/64")), "vip 2001:db8:0:0:0:0:0:60 is listed twice"),
                bad("same vip two prefixes", b -> b.vip("192.0.2.254/32"), "vip 192.0.2.254 is listed with two prefix"
                        + " lengths, /24 and /32: the kernel would carry it twice; keep one, e.g. vip(\"192.0.2.254/24\")"),
                bad("same vip two devices", b -> b.instance("A", i -> i.vip("192.0.2.254/24").vip("192.0.2.254/24", "eth1")),
                        "instance \"A\": vip 192.0.2.254 is listed on two devices, eth0 and eth1"),
                bad("group unknown", b -> b.syncGroup("G", "nope"), "syncGroup \"G\" names instance \"nope\""),
                bad("health fall", b -> b.healthCheck(HealthCheckSpec.pushed("x").withFall(0)),
                        "healthCheck \"x\": fall must be in 1..255, got 0"),
                bad("health weight", b -> b.healthCheck(HealthCheckSpec.pushed("x").withWeight(300)),
                        "weight must be in -253..253, got 300"));
    }

    private static Arguments bad(String name, UnaryOperator<VrrpRouter.Builder> change, String expected) {
        return Arguments.of(name, change, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badValuesAreRejectedWithAMessageNamingFieldValueAndRange(String name, UnaryOperator<VrrpRouter.Builder> change,
                                                                  String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
    }

    @Test
    void ipv6InstanceMayHaveAFirstAddressThatIsNotLinkLocalAsInKeepalived() {
        // RFC 9568 5.2.9 asks for a link-local first address; keepalived 2.2.7 only notes it (not in strict mode).
        InstanceConfig c = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(7).vip("2001:db8::7/64")
                .vip("fe80::7").build().instances().get(0).protocol();
        assertEquals(AddressFamily.IPV6, c.family());
        assertEquals(3, c.version());
        assertEquals("2001:db8:0:0:0:0:0:7", c.vips().get(0).address().getHostAddress(), "the order as written");
    }

    /** keepalived 2.2.7 runs a VRRPv2 instance with no VIP (a warning) and refuses a VRRPv3 one. */
    @Test
    void aVersion2InstanceMayHaveNoVipAndAVersion3OneMayNot() {
        InstanceConfig none = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(9).build()
                .instances().get(0).protocol();
        assertEquals(List.of(), none.vips());
        assertEquals(2, none.version());
        assertEquals(AddressFamily.IPV4, none.family());
        InstanceConfig unicast = VrrpRouter.builder().instance("U", i -> i.interfaceName("eth0").virtualRouterId(9)
                .unicastPeer("192.0.2.2")).build().instances().get(0).protocol();
        assertEquals(AddressFamily.IPV4, unicast.family());
        assertEquals(List.of(), unicast.vips());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VrrpRouter.builder()
                .interfaceName("eth0").virtualRouterId(9).version(3).build());
        assertEquals("instance \"VI_9\": no vip: version 3 needs at least one (RFC 9568); add one, e.g."
                + " vip(\"192.0.2.254/24\"), or use version(2), which may advertise none", e.getMessage());
    }

    @Test
    void defaultsAreKeepalivedsAndVersionFollowsTheFamily() {
        InstanceConfig v4 = valid().build().instances().get(0).protocol();
        assertEquals(100, v4.priority());
        assertEquals(100, v4.advertIntervalCentis());
        assertEquals(2, v4.version());
        assertTrue(v4.preempt());
        assertEquals(32 - 8, v4.vips().get(0).prefixLength());
        assertEquals(ChecksumForm.MESSAGE, v4.sendChecksumForm());
        InstanceConfig v6 = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(7).vip("fe80::7")
                .vip("2001:db8::7/64").build().instances().get(0).protocol();
        assertEquals(3, v6.version());
        assertEquals(AddressFamily.IPV6, v6.family());
        assertEquals(128, v6.vips().get(0).prefixLength(), "no prefix means a host address, like keepalived");
    }

    @Test
    void aVipWithoutPrefixIsAHostAddress() {
        assertEquals(32, VrrpRouter.builder().interfaceName("eth0").virtualRouterId(1).vip("192.0.2.4").build()
                .instances().get(0).protocol().vips().get(0).prefixLength());
    }

    @Test
    void namedInstancesInheritTheRouterLevelSettings() {
        VrrpRouterConfig c = VrrpRouter.builder().priority(150).authentication("pw").interfaceName("eth0")
                .instance("A", i -> i.virtualRouterId(1).vip("192.0.2.1"))
                .instance("B", i -> i.interfaceName("eth1").virtualRouterId(2).vip("198.51.100.1").priority(90))
                .syncGroup("G", "A", "B").build();
        assertEquals(150, c.instance("A").protocol().priority());
        assertEquals("eth0", c.instance("A").protocol().interfaceName());
        assertEquals(90, c.instance("B").protocol().priority());
        assertEquals("eth1", c.instance("B").protocol().interfaceName());
        assertEquals(java.util.List.of("eth1"), c.instance("B").trackedInterfaces());
    }

    @Test
    void aVipLabelIsIpv4OnlyAndAtMost15Characters() {
        assertEquals("eth0:1", VrrpRouter.builder().instance("V", i -> i.interfaceName("eth0").virtualRouterId(1)
                .vip("192.0.2.4/24", "eth0", "eth0:1")).build().instance("V").protocol().vips().get(0).label());
        IllegalArgumentException v6 = assertThrows(IllegalArgumentException.class, () -> VrrpRouter.builder()
                .instance("V", i -> i.interfaceName("eth0").virtualRouterId(1).vip("fe80::4/64", "eth0", "eth0:1"))
                .build());
        assertTrue(v6.getMessage().contains("only IPv4 addresses carry a label"), v6.getMessage());
        IllegalArgumentException longLabel = assertThrows(IllegalArgumentException.class, () -> VrrpRouter.builder()
                .instance("V", i -> i.interfaceName("eth0").virtualRouterId(1)
                        .vip("192.0.2.4/24", "eth0", "eth0:0123456789ab")).build());
        assertTrue(longLabel.getMessage().contains("must be 1..15 characters"), longLabel.getMessage());
    }
}
