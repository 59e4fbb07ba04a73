package org.vrrp.examples.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;

/**
 * Two routers on one machine, as keepalived runs them (issue 14 seed 000): two {@code vrrp run -f}
 * processes, started with no option at all on one host, each file naming its own {@code net_namespace}.
 * Each router enters its namespace (keepalived runs its whole process there) and takes its own default
 * control socket, /run/vrrp/vrrp_NAMESPACE.sock, so the second does not stop at start-up on the first's
 * socket; {@code vrrp status} with no path then shows both, {@code -n NAMESPACE} one.
 */
@RequiresRoot
@Timeout(120)
class TwoNamespacesIT {
    private static final Duration START = Duration.ofSeconds(20);

    private static String conf(String namespace, int priority) {
        return "net_namespace " + namespace + "\n"
                + "vrrp_instance VI_1 {\n"
                + "    state BACKUP\n"
                + "    interface eth0\n"
                + "    virtual_router_id 51\n"
                + "    priority " + priority + "\n"
                + "    advert_int 1\n"
                + "    virtual_ipaddress {\n"
                + "        192.0.2.254/24\n"
                + "    }\n"
                + "}\n";
    }

    private static Command.Result status(Host where, String... more) {
        String[] cmd = new String[4 + more.length];
        cmd[0] = "java";
        cmd[1] = "-jar";
        cmd[2] = ToolJar.path().toString();
        cmd[3] = "status";
        System.arraycopy(more, 0, cmd, 4, more.length);
        return where.execUnchecked(Duration.ofSeconds(30), cmd);
    }

    @Test
    void twoProcessesInTwoNamespacesStartWithNoOptionsAndStatusShowsBoth() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            Host machine = net.addHost("m"); // where both daemons run, as keepalived runs in the host's namespace
            Path socket1 = Path.of("/run/vrrp/vrrp_" + r1.namespace() + ".sock");
            Path socket2 = Path.of("/run/vrrp/vrrp_" + r2.namespace() + ".sock");
            try (VrrpRunProcess first = VrrpRunProcess.startWithNoOptions(machine, conf(r1.namespace(), 150));
                 VrrpRunProcess second = VrrpRunProcess.startWithNoOptions(machine, conf(r2.namespace(), 100))) {
                first.awaitLog("(VI_1) BACKUP -> MASTER", 0, START);
                second.awaitLog("running 1 instance", 0, START);
                assertTrue(first.isAlive() && second.isAlive(), first.log() + second.log());
                assertTrue(Files.exists(socket1) && Files.exists(socket2), first.log() + second.log());
                assertTrue(r1.address("eth0", "192.0.2.254").isPresent(), "the VIP is in r1's namespace");
                assertFalse(machine.address("eth0", "192.0.2.254").isPresent(), "not where the process runs");

                Command.Result all = status(machine);
                assertTrue(all.stdout().contains("== " + r1.namespace() + " (" + socket1 + ")"), all.stdout());
                assertTrue(all.stdout().contains("== " + r2.namespace() + " (" + socket2 + ")"), all.stdout());
                assertTrue(all.stdout().contains("MASTER") && all.stdout().contains("BACKUP"), all.stdout());

                Command.Result one = status(machine, "-n", r2.namespace());
                assertTrue(one.exitCode() == 0, one.stdout() + one.stderr());
                assertFalse(one.stdout().contains("=="), one.stdout());
                assertTrue(one.stdout().contains("BACKUP"), one.stdout());
            }
            assertFalse(Files.exists(socket1) || Files.exists(socket2), "a graceful stop removes the sockets");
        }
    }
}
