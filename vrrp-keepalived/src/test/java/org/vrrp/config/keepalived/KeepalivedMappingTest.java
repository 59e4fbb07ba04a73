package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceConfig;
import org.vrrp.InstanceSpec;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.script.NotifyScriptRunner;

class KeepalivedMappingTest {
    private final NotifyScriptRunner notifier = new NotifyScriptRunner(Duration.ofSeconds(5));

    @AfterEach
    void close() {
        notifier.close();
    }

    private KeepalivedMapping.Result map(String text) throws KeepalivedConfigException {
        return KeepalivedMapping.toBuilder(KeepalivedConfigReader.parse(text, "keepalived.conf"), notifier);
    }

    @Test
    void vrrpRtPriorityBecomesTheRealtimePriorityOfTheProtocolThreadAndCheckerOnesStayIgnored() throws Exception {
        String instance = """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.0.2.254/24
                    }
                }
                """;
        KeepalivedConfig parsed = KeepalivedConfigReader.parse("global_defs {\n    vrrp_rt_priority 10\n"
                + "    checker_rt_priority 20\n}\n" + instance, "keepalived.conf");
        assertEquals(java.util.OptionalInt.of(10), parsed.globalDefs().vrrpRtPriority());
        assertEquals(10, KeepalivedMapping.toBuilder(parsed, notifier).builder().build().realtimePriority());
        assertEquals(List.of("keepalived.conf: 1 keyword accepted with no effect on VRRP here (keepalived's e-mail"
                + " alerts, LVS and process settings): checker_rt_priority"),
                parsed.notes().stream().map(Diagnostic::toString).toList());
        assertEquals(0, map(instance).builder().build().realtimePriority(), "absent: normal scheduling");
    }

    @Test
    void twoSegmentsSyncGroupWithNopreemptAndPassIsCarriedOver() throws Exception {
        VrrpRouterConfig c = map("""
                global_defs {
                    vrrp_garp_master_delay 2
                }
                vrrp_sync_group G {
                    group {
                        VI_IN
                        VI_OUT
                    }
                    notify /usr/local/bin/notify-group
                }
                vrrp_instance VI_IN {
                    state BACKUP
                    interface eth0
                    virtual_router_id 10
                    priority 150
                    advert_int 1
                    nopreempt
                    authentication {
                        auth_type PASS
                        auth_pass s3cret
                    }
                    virtual_ipaddress {
                        192.0.2.254/24
                    }
                }
                vrrp_instance VI_OUT {
                    state BACKUP
                    interface eth1
                    virtual_router_id 20
                    priority 150
                    advert_int 1
                    nopreempt
                    authentication {
                        auth_type PASS
                        auth_pass s3cret
                    }
                    virtual_ipaddress {
                        198.51.100.254/24 dev eth1
                    }
                }
                """).builder().build();
        assertEquals(Map.of("G", List.of("VI_IN", "VI_OUT")), c.syncGroups());
        InstanceConfig in = c.instance("VI_IN").protocol();
        assertEquals("eth0", in.interfaceName());
        assertEquals(10, in.vrid());
        assertEquals(150, in.priority());
        assertEquals(2, in.version());
        assertEquals(100, in.advertIntervalCentis());
        assertFalse(in.preempt());
        assertEquals("s3cret", new String(in.authData()).trim());
        assertEquals(200, in.garp().masterDelayCentis(), "global vrrp_garp_master_delay 2");
        assertEquals("eth1", c.instance("VI_OUT").protocol().vips().get(0).device());
        assertEquals(1, c.listeners().size(), "one group notifier");
    }

    @Test
    void gatewayWithATrackedScriptGetsAPolledHealthCheckWithItsWeight() throws Exception {
        VrrpRouterConfig c = map("""
                vrrp_script chk_gw {
                    script "/bin/true"
                    interval 2
                    timeout 1
                    fall 3
                    rise 2
                    weight -20
                }
                vrrp_instance GW {
                    state MASTER
                    interface eth0
                    virtual_router_id 1
                    priority 245
                    virtual_ipaddress {
                        192.0.2.1
                    }
                    track_script {
                        chk_gw
                    }
                    notify_master /usr/local/bin/up
                }
                """).builder().build();
        var check = c.healthChecks().get("chk_gw");
        assertEquals(Duration.ofSeconds(2), check.interval());
        assertEquals(Duration.ofSeconds(1), check.timeout());
        assertEquals(3, check.fall());
        assertEquals(2, check.rise());
        InstanceSpec gw = c.instance("GW");
        assertEquals(Map.of("chk_gw", -20), gw.trackedChecks());
        assertEquals(32, gw.protocol().vips().get(0).prefixLength());
        // keepalived 2.2.7 starts a non-owner in BACKUP whatever its state line (vrrp_init_state).
        assertFalse(gw.protocol().startAsMaster());
        assertEquals(1, c.listeners().size(), "the instance's notify listener");
    }

    @Test
    void v3ChecksumAsV2SelectsTheMessageOnlyChecksum() throws Exception {
        InstanceConfig i = map("""
                global_defs {
                    v3_checksum_as_v2
                }
                vrrp_instance V {
                    version 3
                    interface eth0
                    virtual_router_id 4
                    advert_int 0.5
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """).builder().build().instances().get(0).protocol();
        assertEquals(ChecksumForm.MESSAGE, i.sendChecksumForm());
        assertEquals(50, i.advertIntervalCentis());
    }

    /** higher_prio_send_advert: on unless written off (keepalived: off unless written on), instance over global. */
    @Test
    void higherPrioSendAdvertIsOnByDefaultAndFollowsWhatIsWritten() throws Exception {
        String instance = """
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    %s
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """;
        record Case(String global, String line, boolean expected) { }
        for (Case c : List.of(new Case("", "", true), new Case("", "higher_prio_send_advert", true),
                new Case("", "higher_prio_send_advert off", false), new Case("", "higher_prio_send_advert no", false),
                new Case("vrrp_higher_prio_send_advert false", "", false),
                new Case("vrrp_higher_prio_send_advert false", "higher_prio_send_advert", true),
                new Case("vrrp_higher_prio_send_advert", "higher_prio_send_advert off", false),
                new Case("vrrp_strict", "", false), new Case("vrrp_strict", "higher_prio_send_advert on", true))) {
            String text = (c.global().isEmpty() ? "" : "global_defs {\n    " + c.global() + "\n}\n")
                    + instance.formatted(c.line());
            KeepalivedMapping.Result r = map(text);
            assertEquals(c.expected(), r.builder().build().instance("V").protocol().advertiseBeforeSteppingDown(),
                    c.toString());
            assertTrue(r.warnings().stream().noneMatch(w -> w.contains("higher_prio_send_advert")), r.warnings().toString());
        }
    }

    @Test
    void aHigherPrioSendAdvertThatIsNotABooleanIsAnErrorNamingTheChoices() {
        KeepalivedConfigException e = assertThrows(KeepalivedConfigException.class, () -> map("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    higher_prio_send_advert maybe
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """));
        assertTrue(e.getMessage().contains("keepalived.conf:4: higher_prio_send_advert maybe is not a boolean"),
                e.getMessage());
    }

    @Test
    void whatTheLibraryDoesNotDoIsWarnedWithFileAndLine() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_script chk {
                    script /bin/true
                    init_fail
                }
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    virtual_ipaddress {
                        192.0.2.4
                    }
                    track_script {
                        chk
                    }
                }
                """);
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("keepalived.conf:1: vrrp_script chk")),
                r.warnings().toString());
    }

    @Test
    void unicastSrcIpIsTheAdvertSource() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    unicast_src_ip 192.0.2.9
                    unicast_peer {
                        192.0.2.2
                    }
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(java.net.InetAddress.getByName("192.0.2.9"),
                r.builder().build().instance("V").protocol().sourceAddress());
    }

    @Test
    void useVmacPutsTheVipsOnTheVirtualMacInterfaceNamedAsKeepalivedDoes() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 51
                    use_vmac
                    virtual_ipaddress {
                        192.0.2.4/24
                        192.0.2.5/24 dev eth1
                    }
                }
                """);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        org.vrrp.InstanceSpec spec = r.builder().build().instance("V");
        assertEquals(new org.vrrp.VirtualMac("vrrp.51", false), spec.virtualMac());
        assertEquals("vrrp.51", spec.protocol().vips().get(0).device(), "a VIP of the interface goes on the macvlan");
        assertEquals("eth1", spec.protocol().vips().get(1).device(), "one on another device stays there");
        assertEquals("eth0", spec.protocol().interfaceName(), "adverts are still heard on the interface");
    }

    @Test
    void useVmacWithANameAndVmacXmitBase() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 7
                    use_vmac vmac7
                    vmac_xmit_base
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(new org.vrrp.VirtualMac("vmac7", true), r.builder().build().instance("V").virtualMac());
    }

    @Test
    void vmacXmitBaseWithoutUseVmacIsWarnedAndHasNoEffect() throws Exception {
        String text = """
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 7
                    vmac_xmit_base
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """;
        KeepalivedConfig config = KeepalivedConfigReader.parse(text, "keepalived.conf");
        assertEquals(1, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().get(0).toString().contains("vmac_xmit_base without use_vmac has no effect"),
                config.warnings().toString());
        KeepalivedMapping.Result r = map(text);
        assertEquals(null, r.builder().build().instance("V").virtualMac());
    }

    @Test
    void weightedTrackInterfaceChangesThePriorityInsteadOfFault() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    track_interface {
                        eth1 weight -30
                        eth2 weight 20 reverse
                        eth3
                    }
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """);
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("track_interface")), r.warnings().toString());
        InstanceSpec spec = r.builder().build().instance("V");
        assertEquals(List.of("eth0", "eth1", "eth2", "eth3"), spec.trackedInterfaces());
        assertEquals(Map.of("eth1", new org.vrrp.TrackedLink("eth1", -30, false),
                "eth2", new org.vrrp.TrackedLink("eth2", 20, true)), spec.weightedLinks());
    }

    @Test
    void excludedAddressesAreManagedButNotAdvertised() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    virtual_ipaddress {
                        192.0.2.4/24
                    }
                    virtual_ipaddress_excluded {
                        192.0.2.5/24
                        2001:db8::5/64 dev eth1
                    }
                }
                """);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        InstanceConfig c = r.builder().build().instance("V").protocol();
        assertEquals(List.of("192.0.2.4/24 dev eth0"), c.vips().stream().map(Object::toString).toList());
        assertEquals(List.of("192.0.2.5/24 dev eth0", "2001:db8:0:0:0:0:0:5/64 dev eth1"),
                c.excludedVips().stream().map(Object::toString).toList());
    }

    @Test
    void aVipLabelIsCarriedToTheAddress() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    virtual_ipaddress {
                        192.0.2.4/24 dev eth0 label eth0:1
                        192.0.2.6/24
                    }
                    virtual_ipaddress_excluded {
                        192.0.2.5/24 label eth0:vip
                    }
                }
                """);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        InstanceConfig c = r.builder().build().instance("V").protocol();
        assertEquals("eth0:1", c.vips().get(0).label());
        assertEquals(null, c.vips().get(1).label());
        assertEquals("eth0:vip", c.excludedVips().get(0).label());
    }

    @Test
    void aLabelIsIgnoredOnIpv6AndTooLongIsAnError() throws Exception {
        KeepalivedConfig ipv6 = KeepalivedConfigReader.parse("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    virtual_ipaddress {
                        fe80::4/64 label eth0:1
                    }
                }
                """, "keepalived.conf");
        assertTrue(ipv6.warnings().stream().anyMatch(w -> w.toString().contains("label eth0:1 ignored")),
                ipv6.warnings().toString());
        KeepalivedConfigException e = org.junit.jupiter.api.Assertions.assertThrows(KeepalivedConfigException.class,
                () -> KeepalivedConfigReader.parse("""
                        vrrp_instance V {
                            interface eth0
                            virtual_router_id 4
                            virtual_ipaddress {
                                192.0.2.4/24 label eth0:a-very-long-label
                            }
                        }
                        """, "keepalived.conf"));
        assertTrue(e.getMessage().contains("keepalived.conf:5: virtual_ipaddress 192.0.2.4/24: label"
                + " eth0:a-very-long-label is longer than 15 characters"), e.getMessage());
    }

    @Test
    void notifyMasterRxLowerPriIsReadForAnInstance() throws Exception {
        KeepalivedConfig c = KeepalivedConfigReader.parse("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    notify_master_rx_lower_pri "/usr/local/bin/reclaim --now"
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """, "keepalived.conf");
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        assertEquals(java.util.Optional.of("/usr/local/bin/reclaim --now"),
                c.instances().get(0).notifyScripts().notifyMasterRxLowerPri());
    }

    @Test
    void notifyFifosAreReadAsKeepalivedDoes() throws Exception {
        KeepalivedConfig c = KeepalivedConfigReader.parse("""
                global_defs {
                    notify_fifo /run/keepalived.fifo
                    notify_fifo_script "/usr/local/bin/fifo-reader --all"
                    vrrp_notify_fifo /run/vrrp.fifo
                    vrrp_notify_fifo /run/other.fifo
                    lvs_notify_fifo_script /bin/true
                }
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    virtual_ipaddress {
                        192.0.2.4
                    }
                }
                """, "keepalived.conf");
        assertEquals(List.of(
                new NotifyFifoDef("notify_fifo", "/run/keepalived.fifo",
                        java.util.Optional.of("/usr/local/bin/fifo-reader --all"), c.globalDefs().notifyFifos().get(0).location()),
                new NotifyFifoDef("vrrp_notify_fifo", "/run/vrrp.fifo", java.util.Optional.empty(),
                        c.globalDefs().notifyFifos().get(1).location())), c.globalDefs().notifyFifos());
        assertTrue(c.warnings().stream().anyMatch(w -> w.toString().startsWith("keepalived.conf:5: vrrp_notify_fifo"
                + " already given at keepalived.conf:4")), c.warnings().toString());
        assertTrue(c.warnings().stream().noneMatch(w -> w.toString().contains("notify FIFOs are not supported")),
                c.warnings().toString());
        KeepalivedMapping.Result r = KeepalivedMapping.toBuilder(c, notifier);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(1, r.builder().build().listeners().size(), "one FIFO listener");
    }

    @Test
    void trackFileAndTrackProcessBecomeChecksWithKeepalivedsWeights() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_script chk_unused {
                    script /bin/true
                }
                track_file prio_file {
                    file /run/prio
                    weight 5
                    init_file 0
                }
                vrrp_track_file old_name {
                    file /run/old
                }
                vrrp_track_process haproxy {
                    process haproxy
                    quorum 1
                    weight 0
                    delay 0.5
                }
                vrrp_instance A {
                    interface eth0
                    virtual_router_id 4
                    virtual_ipaddress {
                        192.0.2.4
                    }
                    track_file {
                        prio_file
                        old_name weight -10 reverse
                    }
                    track_process {
                        haproxy
                        haproxy weight 20 reverse
                    }
                }
                vrrp_instance B {
                    interface eth0
                    virtual_router_id 5
                    virtual_ipaddress {
                        192.0.2.5
                    }
                }
                """);
        assertEquals(List.of("keepalived.conf:1: vrrp_script chk_unused is not used by any vrrp_instance or"
                + " vrrp_sync_group: it is not run, as keepalived does"), r.warnings());
        VrrpRouterConfig c = r.builder().build();
        assertEquals(java.util.Set.of("track_file prio_file", "track_file old_name",
                "track_process haproxy", "track_process haproxy (reverse)"), c.healthChecks().keySet());
        assertTrue(c.healthChecks().get("track_file prio_file").isValued());
        assertEquals(Map.of("track_file prio_file", 5, "track_file old_name", 10, "track_process haproxy", 0,
                "track_process haproxy (reverse)", -20), c.instance("A").trackedChecks());
        assertEquals(Map.of(), c.instance("B").trackedChecks(), "B lists no tracker, so it follows none");
    }

    @Test
    void aTrackFileEntryNamingNoBlockIsAnError() {
        KeepalivedConfigException e = org.junit.jupiter.api.Assertions.assertThrows(KeepalivedConfigException.class,
                () -> map("""
                        vrrp_instance A {
                            interface eth0
                            virtual_router_id 4
                            virtual_ipaddress {
                                192.0.2.4
                            }
                            track_file {
                                nosuch
                            }
                        }
                        """));
        assertTrue(e.getMessage().contains("keepalived.conf:8: track_file nosuch names no track_file block"),
                e.getMessage());
    }

    @Test
    void everyFixtureConfigMapsToAValidRouterConfig() throws Exception {
        for (String name : List.of("v2-auth-pass", "v2-noauth-3vips", "v3-ipv4-50cs", "v3-ipv6")) {
            var url = getClass().getResource("/keepalived-conf/" + name + ".conf");
            KeepalivedConfig parsed = KeepalivedConfigReader.read(java.nio.file.Path.of(url.toURI()));
            VrrpRouterConfig c = KeepalivedMapping.toBuilder(parsed, notifier).builder().build();
            assertEquals(1, c.instances().size(), name);
        }
    }

    /** keepalived's own sample keepalived.conf.vrrp lists 192.168.200.18 twice, the second time with a label. */
    @Test
    void anAddressListedAgainOnTheSameDeviceIsAddedOnceWithAWarning() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.0.2.16
                        192.0.2.18
                        192.0.2.18 label eth0:1
                    }
                }
                """);
        InstanceConfig p = r.builder().build().instance("VI_1").protocol();
        assertEquals(List.of("192.0.2.16", "192.0.2.18"),
                p.vips().stream().map(v -> v.address().getHostAddress()).toList());
        assertEquals(List.of("keepalived.conf:7: virtual_ipaddress 192.0.2.18 of vrrp_instance VI_1 is already listed"
                + " (line 6): this entry is ignored, its label eth0:1 too. keepalived counts it twice in its adverts,"
                + " so a keepalived peer with this list drops ours: list it once"), r.warnings());
    }

    /**
     * keepalived 2.2.7 (vrrp_track.c, process_script_update_priority): with {@code reverse} the multiplier is -1, so a
     * positive weight is subtracted while the script succeeds, a negative one added while it fails, and weight 0
     * means FAULT while it succeeds. Here: the script's opposite verdict, {@code NAME (reverse)}, with the weight
     * negated and fall and rise swapped; the script runs once per interval, not once per direction.
     */
    @Test
    void trackScriptReverseIsTheOppositeVerdictWithTheWeightNegated() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_script chk_ok {
                    script /bin/true
                    interval 2
                    fall 3
                    rise 5
                    weight 20
                }
                vrrp_script chk_fail {
                    script /bin/false
                    weight -15 reverse
                }
                vrrp_script chk_fault {
                    script /bin/true
                }
                vrrp_instance A {
                    interface eth0
                    virtual_router_id 4
                    virtual_ipaddress {
                        192.0.2.4
                    }
                    track_script {
                        chk_ok reverse
                        chk_fail
                        chk_fault weight 0 reverse
                    }
                }
                """);
        assertEquals(List.of(), r.warnings());
        VrrpRouterConfig c = r.builder().build();
        assertEquals(java.util.Set.of("chk_ok (reverse)", "chk_fail (reverse)", "chk_fault (reverse)"),
                c.healthChecks().keySet(), "each script runs once, in the direction tracked");
        assertEquals(Map.of("chk_ok (reverse)", -20, "chk_fail (reverse)", 15, "chk_fault (reverse)", 0),
                c.instance("A").trackedChecks());
        HealthCheckSpec ok = c.healthChecks().get("chk_ok (reverse)");
        assertEquals(false, ok.check().check(), "/bin/true succeeds: the reversed check fails, so -20 applies");
        assertEquals(5, ok.fall(), "the script's rise");
        assertEquals(3, ok.rise(), "the script's fall");
        assertEquals(java.time.Duration.ofSeconds(2), ok.interval());
        assertEquals(true, c.healthChecks().get("chk_fail (reverse)").check().check(),
                "/bin/false fails: the reversed check passes, so +15 applies");
        assertEquals(false, c.healthChecks().get("chk_fault (reverse)").check().check(),
                "weight 0 reverse: FAULT while /bin/true succeeds");
    }
}
