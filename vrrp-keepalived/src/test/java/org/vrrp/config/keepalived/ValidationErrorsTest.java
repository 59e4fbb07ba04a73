package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.config.keepalived.Diagnostic.Severity;

/** One test per error the reader reports: each message names file:line, keyword, value and the allowed range or fix. */
class ValidationErrorsTest {

    /** A valid instance whose line 2.. can be replaced; {@code lines} go after "vrrp_instance VI {" (line 1). */
    static String instance(String... lines) {
        return "vrrp_instance VI {\n" + String.join("\n", lines) + "\n}\n";
    }

    static final String IFACE = "    interface eth0";
    static final String VRID = "    virtual_router_id 51";
    static final String VIP4 = "    virtual_ipaddress {\n        192.0.2.1/24\n    }";

    /** The message of the single error {@code text} produces. */
    static String error(String text) {
        List<Diagnostic> errors = errors(text);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(Severity.ERROR, errors.get(0).severity());
        return errors.get(0).toString();
    }

    static List<Diagnostic> errors(String text) {
        KeepalivedConfigException e = assertThrows(KeepalivedConfigException.class,
                () -> KeepalivedConfigReader.parse(text, "keepalived.conf"));
        return e.errors();
    }

    @Test
    void virtualRouterIdOutOfRange() {
        assertEquals("keepalived.conf:3: virtual_router_id 300 is out of range 1..255",
                error(instance(IFACE, "    virtual_router_id 300", VIP4)));
    }

    @Test
    void vrrpRtPriorityOutsideSchedRrPrioritiesOrNotANumber() {
        // keepalived 2.2.7 clamps 0 and 100 to 1 and 99 with a config error and runs on: here the file is refused.
        for (String bad : List.of("0", "100", "-5")) {
            assertEquals("keepalived.conf:2: vrrp_rt_priority " + bad + " is out of range 1..99 (a SCHED_RR priority;"
                    + " remove the line for normal scheduling)",
                    error("global_defs {\n    vrrp_rt_priority " + bad + "\n}\n" + instance(IFACE, VRID, VIP4)));
        }
        assertEquals("keepalived.conf:2: vrrp_rt_priority high is not a whole number in 1..99",
                error("global_defs {\n    vrrp_rt_priority high\n}\n" + instance(IFACE, VRID, VIP4)));
    }

    @Test
    void virtualRouterIdZero() {
        assertEquals("keepalived.conf:3: virtual_router_id 0 is out of range 1..255",
                error(instance(IFACE, "    virtual_router_id 0", VIP4)));
    }

    @Test
    void priorityZeroIsReserved() {
        assertEquals("keepalived.conf:4: priority 0 is out of range 1..255 (0 is reserved for a master that resigns;"
                + " 255 means address owner)", error(instance(IFACE, VRID, "    priority 0", VIP4)));
    }

    @Test
    void priorityAbove255() {
        assertEquals("keepalived.conf:4: priority 256 is out of range 1..255",
                error(instance(IFACE, VRID, "    priority 256", VIP4)));
    }

    @Test
    void priorityNotANumber() {
        assertEquals("keepalived.conf:4: priority high is not a whole number in 1..255",
                error(instance(IFACE, VRID, "    priority high", VIP4)));
    }

    @Test
    void advertIntervalZero() {
        assertEquals("keepalived.conf:4: advert_int 0 is out of range 0.01..255 s",
                error(instance(IFACE, VRID, "    advert_int 0", VIP4)));
    }

    @Test
    void fractionalAdvertIntervalNeedsVersion3() {
        assertEquals("keepalived.conf:4: advert_int 0.5 is not a whole number of seconds; version 2 carries whole"
                        + " seconds 1..255: use version 3 for sub-second intervals",
                error(instance(IFACE, VRID, "    advert_int 0.5", VIP4)));
    }

    @Test
    void version3AdvertIntervalAbove4095Centiseconds() {
        assertEquals("keepalived.conf:5: advert_int 41 is out of range 0.01..40.95 s for version 3",
                error(instance(IFACE, VRID, "    version 3", "    advert_int 41", VIP4)));
    }

    @Test
    void advertIntervalFinerThanCentiseconds() {
        assertEquals("keepalived.conf:5: advert_int 0.005 is finer than the 0.01 s resolution; use a multiple of 0.01 s",
                error(instance(IFACE, VRID, "    version 3", "    advert_int 0.005", VIP4)));
    }

    @Test
    void versionOutOfRange() {
        assertEquals("keepalived.conf:4: version 4 is out of range 2..3",
                error(instance(IFACE, VRID, "    version 4", VIP4)));
    }

    @Test
    void version2WithIpv6Addresses() {
        assertEquals("keepalived.conf:4: version 2 cannot carry IPv6 virtual addresses (vrrp_instance VI); use version 3",
                error(instance(IFACE, VRID, "    version 2", "    virtual_ipaddress {\n        2001:db8::1/64\n    }")));
    }

    @Test
    void mixedFamiliesInOneInstance() {
        assertEquals("keepalived.conf:6: virtual_ipaddress 2001:db8:0:0:0:0:0:1 is IPv6 but 192.0.2.1 (line 5) is IPv4;"
                        + " one vrrp_instance carries one family: move the IPv6 addresses to their own vrrp_instance"
                        + " or to virtual_ipaddress_excluded",
                error(instance(IFACE, VRID, "    virtual_ipaddress {", "        192.0.2.1/24", "        2001:db8::1/64",
                        "    }")));
    }

    @Test
    void syncGroupNamingUnknownInstance() {
        String text = instance(IFACE, VRID, VIP4) + "vrrp_sync_group G {\n    group {\n        VI\n        VI_2\n    }\n}\n";
        assertEquals("keepalived.conf:11: vrrp_sync_group G: member VI_2 is not a vrrp_instance; instances are VI",
                error(text));
    }

    @Test
    void instanceInTwoSyncGroups() {
        String text = instance(IFACE, VRID, VIP4) + "vrrp_sync_group A {\n    group {\n        VI\n    }\n}\n"
                + "vrrp_sync_group B {\n    group { VI }\n}\n";
        assertEquals("keepalived.conf:14: vrrp_sync_group B: vrrp_instance VI is already in vrrp_sync_group A;"
                + " an instance can be in one group only", error(text));
    }

    @Test
    void trackScriptNamingUnknownScript() {
        String text = "vrrp_script chk_a {\n    script /bin/true\n}\n"
                + instance(IFACE, VRID, VIP4, "    track_script {", "        chk_b", "    }");
        assertEquals("keepalived.conf:11: track_script chk_b in vrrp_instance VI names no vrrp_script;"
                + " define vrrp_script chk_b { script ... } or use one of chk_a", error(text));
    }

    @Test
    void trackWeightOutOfRange() {
        assertEquals("keepalived.conf:8: weight 300 is out of range -253..253 (track_interface eth1)",
                error(instance(IFACE, VRID, VIP4, "    track_interface {", "        eth1 weight 300", "    }")));
    }

    @Test
    void scriptWeightOutOfRange() {
        assertEquals("keepalived.conf:3: weight -254 is out of range -253..253",
                error("vrrp_script chk {\n    script /bin/true\n    weight -254\n}\n"));
    }

    @Test
    void scriptWithoutCommand() {
        assertEquals("keepalived.conf:1: vrrp_script chk has no script: add script \"/path/check.sh\"",
                error("vrrp_script chk {\n    interval 2\n}\n"));
    }

    @Test
    void missingInterface() {
        assertEquals("keepalived.conf:1: vrrp_instance VI has no interface: add interface IFNAME",
                error(instance(VRID, VIP4)));
    }

    @Test
    void missingVirtualRouterId() {
        assertEquals("keepalived.conf:1: vrrp_instance VI has no virtual_router_id: add virtual_router_id N (1..255)",
                error(instance(IFACE, VIP4)));
    }

    @Test
    void authTypeAhIsNotSupported() {
        assertEquals("keepalived.conf:5: auth_type AH (IPsec AH) is not supported; use auth_type PASS or remove the"
                        + " authentication block",
                error(instance(IFACE, VRID, "    authentication {", "        auth_type AH", "        auth_pass x",
                        "    }", VIP4)));
    }

    @Test
    void authPassMissing() {
        assertEquals("keepalived.conf:4: auth_type PASS needs auth_pass (up to 8 characters)",
                error(instance(IFACE, VRID, "    authentication {", "        auth_type PASS", "    }", VIP4)));
    }

    @Test
    void instanceWithoutVirtualAddressVersion2IsAWarning() throws KeepalivedConfigException {
        // keepalived 2.2.7 -t: exit 5 for its warning "(VI) No VIP specified; at least one is sensible"; its daemon
        // runs the instance with adverts of no address, and so does this library.
        KeepalivedConfig config = KeepalivedConfigReader.parse(instance(IFACE, VRID), "keepalived.conf");
        assertEquals(List.of("keepalived.conf:1: vrrp_instance VI has no virtual_ipaddress; at least one is sensible"
                + " (keepalived's warning): its adverts carry no address, so only peers with no virtual_ipaddress"
                + " either take part in its election"), config.warnings().stream().map(Diagnostic::toString).toList());
        assertEquals(List.of(), config.instances().get(0).virtualAddresses());
    }

    @Test
    void instanceWithoutVirtualAddressVersion3() {
        // keepalived 2.2.7 -t: exit 5, "(VI) No VIP specified; at least one is required".
        assertEquals("keepalived.conf:1: vrrp_instance VI has no virtual_ipaddress; version 3 needs at least one"
                + " (keepalived refuses it too)", error(instance(IFACE, VRID, "    version 3")));
    }

    @Test
    void addressThatIsNotAnIpLiteral() {
        assertEquals("keepalived.conf:5: virtual_ipaddress gateway.example is not an IPv4 or IPv6 address",
                error(instance(IFACE, VRID, "    virtual_ipaddress {", "        gateway.example", "    }")));
    }

    @Test
    void prefixOutOfRange() {
        assertEquals("keepalived.conf:5: virtual_ipaddress 192.0.2.1 prefix 33 is out of range 0..32",
                error(instance(IFACE, VRID, "    virtual_ipaddress {", "        192.0.2.1/33", "    }")));
    }

    @Test
    void duplicateVirtualRouterIdOnOneInterface() {
        String text = instance(IFACE, VRID, VIP4) + instance(IFACE, VRID, VIP4).replace("VI {", "VI_2 {");
        assertEquals("keepalived.conf:10: virtual_router_id 51 on eth0 is already used by vrrp_instance VI"
                + " (keepalived.conf:3); use another id", error(text));
    }

    @Test
    void duplicateInstanceName() {
        String text = instance(IFACE, VRID, VIP4) + instance(IFACE, "    virtual_router_id 52", VIP4);
        assertEquals("keepalived.conf:8: vrrp_instance VI is defined twice; first at keepalived.conf:1", error(text));
    }

    @Test
    void blockNotClosed() {
        assertEquals("keepalived.conf:1: block vrrp_instance VI is not closed: add '}'",
                error("vrrp_instance VI {\n    interface eth0\n    virtual_router_id 51\n"));
    }

    @Test
    void closingBraceWithoutOpening() {
        assertEquals("keepalived.conf:8: '}' without a matching '{'", error(instance(IFACE, VRID, VIP4) + "}\n"));
    }

    @Test
    void unterminatedQuote() {
        assertEquals("keepalived.conf:2: unterminated \" quote; close it on the same line",
                error("vrrp_script chk {\n    script \"/bin/check\n}\n"));
    }

    @Test
    void allErrorsAreReportedTogetherOneLineEach() {
        KeepalivedConfigException e = assertThrows(KeepalivedConfigException.class,
                () -> KeepalivedConfigReader.parse(instance(IFACE, "    virtual_router_id 300", "    priority 0",
                        "    advert_int -1", VIP4), "keepalived.conf"));
        assertEquals(List.of(
                "keepalived.conf: 3 errors",
                "keepalived.conf:3: virtual_router_id 300 is out of range 1..255",
                "keepalived.conf:4: priority 0 is out of range 1..255 (0 is reserved for a master that resigns;"
                        + " 255 means address owner)",
                "keepalived.conf:5: advert_int -1 is out of range 0.01..255 s"), e.getMessage().lines().toList());
    }

    /** keepalived 2.2.7 refuses 0 ("vrrp_garp_interval '0' is invalid"), as in Debian's /etc/keepalived sample. */
    @Test
    void garpAndGnaIntervalZero() {
        assertEquals(List.of(
                "keepalived.conf:2: vrrp_garp_interval 0 is out of range 0.000001..2147.483647 s",
                "keepalived.conf:3: vrrp_gna_interval 0 is out of range 0.000001..2147.483647 s"),
                errors("global_defs {\n    vrrp_garp_interval 0\n    vrrp_gna_interval 0\n}\n"
                        + instance(IFACE, VRID, VIP4)).stream().map(Diagnostic::toString).toList());
    }
}
