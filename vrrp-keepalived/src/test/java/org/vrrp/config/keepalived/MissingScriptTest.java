package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.script.NotifyScriptRunner;

/**
 * A vrrp_script whose program is missing is disabled once, when the file is mapped, as keepalived 2.2.7
 * does at load ("Disabling track script chk_missing since not found/accessible"): one warning, and the
 * instances tracking it ignore it (weight 0, always healthy), so it never lowers a priority or runs.
 */
class MissingScriptTest {
    private final NotifyScriptRunner notifier = new NotifyScriptRunner(Duration.ofSeconds(5));

    @AfterEach
    void close() {
        notifier.close();
    }

    private static String file(String script) {
        return "vrrp_script chk {\n    script \"" + script + "\"\n    interval 2\n    weight -20\n}\n"
                + "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 90\n"
                + "    virtual_ipaddress {\n        192.0.2.10/24\n    }\n    track_script {\n        chk\n    }\n}\n";
    }

    @Test
    void missingScriptIsDisabledWithOneWarning() throws Exception {
        KeepalivedMapping.Result r = KeepalivedMapping.toBuilder(
                KeepalivedConfigReader.parse(file("/nonexistent/check.sh"), "k.conf"), notifier);
        assertEquals(List.of("k.conf:1: vrrp_script chk: /nonexistent/check.sh does not exist: the script is disabled,"
                + " as keepalived does; instances tracking it ignore it"), r.warnings());
        VrrpRouterConfig c = r.builder().build();
        assertEquals(Map.of("chk", 0), c.instance("VI_1").trackedChecks());
        assertEquals(true, c.healthChecks().get("chk").check().check(), "disabled: always healthy, never run");
    }

    @Test
    void scriptNotInPathIsDisabledToo() throws Exception {
        KeepalivedMapping.Result r = KeepalivedMapping.toBuilder(
                KeepalivedConfigReader.parse(file("no-such-program-xyz --flag"), "k.conf"), notifier);
        assertEquals(List.of("k.conf:1: vrrp_script chk: no-such-program-xyz is not found in PATH: the script is"
                + " disabled, as keepalived does; instances tracking it ignore it"), r.warnings());
    }

    @Test
    void existingScriptKeepsItsWeight() throws Exception {
        KeepalivedMapping.Result r = KeepalivedMapping.toBuilder(
                KeepalivedConfigReader.parse(file("/bin/true"), "k.conf"), notifier);
        assertEquals(List.of(), r.warnings());
        assertEquals(Map.of("chk", -20), r.builder().build().instance("VI_1").trackedChecks());
    }
}
