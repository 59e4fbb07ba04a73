package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    @Test
    void whatTheLibraryDoesNotDoIsWarnedWithFileAndLine() throws Exception {
        KeepalivedMapping.Result r = map("""
                vrrp_instance V {
                    interface eth0
                    virtual_router_id 4
                    unicast_src_ip 192.0.2.9
                    virtual_ipaddress {
                        192.0.2.4
                    }
                    virtual_ipaddress_excluded {
                        192.0.2.5
                    }
                }
                """);
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("keepalived.conf:8: virtual_ipaddress_excluded")),
                r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("keepalived.conf:4: unicast_src_ip")),
                r.warnings().toString());
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
}
