package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.config.keepalived.ValidationErrorsTest.IFACE;
import static org.vrrp.config.keepalived.ValidationErrorsTest.VIP4;
import static org.vrrp.config.keepalived.ValidationErrorsTest.VRID;
import static org.vrrp.config.keepalived.ValidationErrorsTest.instance;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vrrp.config.keepalived.Diagnostic.Severity;

/** One test per kind of warning: the configuration is accepted and the warning names file:line, keyword and what happens. */
class WarningsTest {

    /** The single warning {@code text} produces (it must read without errors). */
    static Diagnostic warning(String text) throws KeepalivedConfigException {
        List<Diagnostic> warnings = KeepalivedConfigReader.parse(text, "keepalived.conf").warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(Severity.WARNING, warnings.get(0).severity());
        return warnings.get(0);
    }

    @Test
    void unknownKeyword() throws Exception {
        Diagnostic w = warning(instance(IFACE, VRID, "    frobnicate 3", VIP4));
        assertEquals("keepalived.conf:4: frobnicate: unknown keyword, ignored (in vrrp_instance VI)", w.toString());
        assertEquals("frobnicate", w.keyword());
        assertEquals(new SourceLocation("keepalived.conf", 4), w.location());
    }

    @Test
    void unknownTopLevelBlockIsSkippedWhole() throws Exception {
        Diagnostic w = warning("some_future_block {\n    nested {\n        x 1\n    }\n}\n" + instance(IFACE, VRID, VIP4));
        assertEquals("keepalived.conf:1: some_future_block: unknown keyword, ignored (with its block, at top level)",
                w.toString());
    }

    @Test
    void virtualServerBlockIsSkippedWithOneWarning() throws Exception {
        String lvs = "virtual_server 192.0.2.10 80 {\n    lb_algo rr\n    real_server 10.0.0.1 80 {\n"
                + "        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n";
        Diagnostic w = warning(lvs + instance(IFACE, VRID, VIP4));
        assertEquals("keepalived.conf:1: virtual_server block is not handled by this reader (VRRP only), skipped:"
                + " LVS is not part of VRRP", w.toString());
    }

    @Test
    void staticRoutesBlockIsSkipped() throws Exception {
        assertEquals("static_routes", warning("static_routes {\n    10.0.0.0/8 via 192.0.2.254\n}\n").keyword());
    }

    @Test
    void emailSettingsInGlobalDefsAreOneInfoLine() throws Exception {
        KeepalivedConfig c = KeepalivedConfigReader.parse("global_defs {\n    notification_email {\n"
                + "        ops@example.com\n    }\n    notification_email_from lb@example.com\n    smtp_server 127.0.0.1\n"
                + "    smtp_connect_timeout 30\n}\n" + instance(IFACE, VRID, VIP4), "keepalived.conf");
        assertEquals(List.of(), c.warnings());
        assertEquals(List.of("keepalived.conf: 4 keywords accepted with no effect on VRRP here (keepalived's e-mail"
                + " alerts, LVS and process settings): notification_email, notification_email_from, smtp_server,"
                + " smtp_connect_timeout"), c.notes().stream().map(Diagnostic::toString).toList());
        assertEquals(Severity.INFO, c.notes().get(0).severity());
    }

    @Test
    void vrrpRlimitRttimeIsNamedAsNotAppliedAndTheOtherDaemonsOnesAreHarmless() throws Exception {
        // keepalived 2.2.7 reads vrrp_rlimit_rttime (and the deprecated vrrp_rlimit_rtime) as the VRRP process's
        // RLIMIT_RTTIME; the scale benchmark with vrrp_rt_priority needs it for keepalived's 1,000 instances.
        for (String keyword : List.of("vrrp_rlimit_rttime", "vrrp_rlimit_rtime")) {
            Diagnostic w = warning("global_defs {\n    vrrp_rt_priority 10\n    " + keyword + " 60000000\n}\n"
                    + instance(IFACE, VRID, VIP4));
            assertEquals("keepalived.conf:3: " + keyword + " is not supported, ignored: RLIMIT_RTTIME is per process"
                    + " and would apply to the whole JVM; only the protocol thread runs real-time (vrrp_rt_priority),"
                    + " and the kernel's real-time throttling (kernel.sched_rt_runtime_us) bounds it", w.toString());
        }
        KeepalivedConfig c = KeepalivedConfigReader.parse("global_defs {\n    checker_rlimit_rttime 20000\n"
                + "    bfd_rlimit_rtime 20000\n}\n" + instance(IFACE, VRID, VIP4), "keepalived.conf");
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void stateSlavePeerAndLowerCaseAreBackupWithAWarning() throws Exception {
        // keepalived 2.2.7 (vrrp_state_handler): "unknown state 'SLAVE', defaulting to BACKUP"; -t exits 5 but
        // the daemon runs the instance as BACKUP. It compares case-sensitively: "master" is unknown too.
        for (String word : List.of("SLAVE", "PEER", "master", "EQUAL")) {
            String text = instance("    state " + word, IFACE, VRID, "    priority 90", VIP4);
            Diagnostic w = warning(text);
            assertEquals("keepalived.conf:2: state " + word + " is not MASTER or BACKUP (capitals): BACKUP is used,"
                    + " as keepalived does", w.toString());
            assertEquals(org.vrrp.VrrpState.BACKUP, KeepalivedConfigReader.parse(text, "k").instances().get(0).initialState());
        }
    }

    @Test
    void authPassLongerThanEightIsTruncated() throws Exception {
        String text = instance(IFACE, VRID, "    authentication {", "        auth_type PASS",
                "        auth_pass verylongpassword", "    }", VIP4);
        Diagnostic w = warning(text);
        assertEquals("keepalived.conf:6: auth_pass verylongpassword is longer than 8 characters; only the first 8"
                + " are used, like keepalived: verylong", w.toString());
        assertEquals(Optional.of("verylong"),
                KeepalivedConfigReader.parse(text, "keepalived.conf").instances().get(0).authPass());
    }

    @Test
    void nopreemptWithStateMasterIsClearedAsKeepalivedDoes() throws Exception {
        assertEquals("keepalived.conf:6: nopreempt does not work with state MASTER: ignored, as keepalived does, so"
                        + " this instance preempts (vrrp_instance VI); for no failback use state BACKUP on every router",
                warning(instance("    state MASTER", IFACE, VRID, "    priority 150", "    nopreempt", VIP4)).toString());
        assertTrue(only(instance("    state MASTER", IFACE, VRID, "    priority 150", "    nopreempt", VIP4)).preempt());
    }

    @Test
    void nopreemptWithPriority255IsClearedAsKeepalivedDoes() throws Exception {
        assertEquals("keepalived.conf:5: nopreempt does not work with priority 255 (the address owner always"
                        + " preempts): ignored, as keepalived does (vrrp_instance VI)",
                warning(instance(IFACE, VRID, "    priority 255", "    nopreempt", VIP4)).toString());
    }

    @Test
    void preemptDelayWithStateMasterIsClearedAsKeepalivedDoes() throws Exception {
        String text = instance("    state MASTER", IFACE, VRID, "    priority 150", "    preempt_delay 5", VIP4);
        assertEquals("keepalived.conf:6: preempt_delay does not work with state MASTER: ignored, as keepalived does"
                + " (vrrp_instance VI); use state BACKUP", warning(text).toString());
        assertEquals(0, only(text).preemptDelayMillis());
    }

    @Test
    void preemptDelayWithNopreemptIsClearedAsKeepalivedDoes() throws Exception {
        String text = instance(IFACE, VRID, "    nopreempt", "    preempt_delay 5", VIP4);
        assertEquals("keepalived.conf:5: preempt_delay has no effect with nopreempt: ignored, as keepalived does"
                + " (vrrp_instance VI)", warning(text).toString());
        assertEquals(0, only(text).preemptDelayMillis());
    }

    @Test
    void stateMasterWithoutPriorityIsTheAddressOwnerAsInKeepalived() throws Exception {
        assertEquals(255, only(instance("    state MASTER", IFACE, VRID, VIP4)).priority());
        assertEquals(100, only(instance("    state BACKUP", IFACE, VRID, VIP4)).priority());
        assertEquals(100, only(instance(IFACE, VRID, VIP4)).priority());
    }

    private static VrrpInstanceDef only(String text) throws KeepalivedConfigException {
        return KeepalivedConfigReader.parse(text, "keepalived.conf").instances().get(0);
    }

    @Test
    void vrrpStrictIsNotSupported() throws Exception {
        KeepalivedConfig config = KeepalivedConfigReader.parse("global_defs {\n    vrrp_strict\n}\n", "keepalived.conf");
        assertEquals("keepalived.conf:2: vrrp_strict is not supported, ignored: the library follows RFC 9568 but does"
                + " not enforce keepalived's strict-mode restrictions (it only turns the default of"
                + " higher_prio_send_advert off, as strict mode does)", config.warnings().get(0).toString());
        assertEquals(true, config.globalDefs().vrrpStrict());
    }

    @Test
    void smtpAlertInInstanceIsNotedNotWarned() throws Exception {
        KeepalivedConfig c = KeepalivedConfigReader.parse(instance(IFACE, VRID, "    smtp_alert", VIP4), "k.conf");
        assertEquals(List.of(), c.warnings());
        assertTrue(c.notes().get(0).message().endsWith(": smtp_alert"), c.notes().toString());
    }

    @Test
    void unsupportedInstanceKeyword() throws Exception {
        assertEquals("keepalived.conf:4: use_vmac_addr is not supported, ignored: use_vmac_addr is not supported;"
                + " use_vmac is", warning(instance(IFACE, VRID, "    use_vmac_addr", VIP4)).toString());
    }

    @Test
    void addressOptionsOtherThanDevAndLabelAreIgnored() throws Exception {
        String text = instance(IFACE, VRID, "    virtual_ipaddress {",
                "        192.0.2.1/24 brd 192.0.2.255 dev eth0 scope global label eth0:1", "    }");
        assertEquals("keepalived.conf:5: virtual_ipaddress 192.0.2.1/24: options brd 192.0.2.255, scope global"
                + " are not supported, ignored (the address is added with only its prefix, device and label)",
                warning(text).toString());
        assertEquals("192.0.2.1/24 dev eth0 label eth0:1",
                KeepalivedConfigReader.parse(text, "k").instances().get(0).virtualAddresses().get(0).toString());
    }

    @Test
    void routerIdIsRecordedAndNotedOnce() throws Exception {
        KeepalivedConfig c = KeepalivedConfigReader.parse("global_defs {\n    router_id lb1\n    lvs_flush\n"
                + "    vrrp_skip_check_adv_addr\n    enable_script_security\n}\n" + instance(IFACE, VRID, VIP4), "k.conf");
        assertEquals(List.of(), c.warnings());
        assertEquals(Optional.of("lb1"), c.globalDefs().routerId());
        assertEquals(1, c.notes().size());
        assertTrue(c.notes().get(0).message().endsWith(": router_id, lvs_flush, vrrp_skip_check_adv_addr,"
                + " enable_script_security"), c.notes().toString());
    }

    @Test
    void authenticationIsIgnoredWithVersion3() throws Exception {
        String text = instance(IFACE, VRID, "    version 3", "    authentication {", "        auth_type PASS",
                "        auth_pass secret", "    }", VIP4);
        assertEquals("keepalived.conf:5: authentication is ignored with version 3 (RFC 9568 has no authentication),"
                + " like keepalived", warning(text).toString());
        assertEquals(Optional.empty(), KeepalivedConfigReader.parse(text, "k").instances().get(0).authPass());
    }

    @Test
    void notifyScriptUserIsNotApplied() throws Exception {
        assertEquals("keepalived.conf:4: notify_master: running as user root wheel is not supported, the script runs"
                        + " as the JVM's user (quote the script if these words are its arguments)",
                warning(instance(IFACE, VRID, "    notify_master /bin/master.sh root wheel", VIP4)).toString());
    }

    @Test
    void unprefixedGlobalGarpKeywordIsAccepted() throws Exception {
        String text = "global_defs {\n    garp_master_delay 7\n}\n";
        assertEquals("keepalived.conf:2: garp_master_delay in global_defs is spelled vrrp_garp_master_delay by"
                + " keepalived; accepted as vrrp_garp_master_delay", warning(text).toString());
        assertEquals(7, KeepalivedConfigReader.parse(text, "k").globalDefs().garp().masterDelaySeconds());
    }

    @Test
    void unknownOptionOfTrackEntry() throws Exception {
        assertEquals("keepalived.conf:8: track_interface eth1: unknown option heavy, ignored (expected weight N,"
                + " reverse or noreverse)",
                warning(instance(IFACE, VRID, VIP4, "    track_interface {", "        eth1 heavy", "    }")).toString());
    }

    @Test
    void weightedTrackerOnSyncGroupMember() throws Exception {
        String text = "vrrp_script chk {\n    script /bin/true\n    weight -20\n}\n"
                + instance(IFACE, VRID, VIP4, "    track_script {", "        chk", "    }")
                + "vrrp_sync_group G {\n    group { VI }\n}\n";
        assertEquals("keepalived.conf:12: track_script chk weight -20 on vrrp_instance VI, a member of vrrp_sync_group G:"
                + " keepalived ignores non-zero weights of sync group members; use weight 0 (failure = FAULT for the"
                + " whole group)", warning(text).toString());
    }
}
