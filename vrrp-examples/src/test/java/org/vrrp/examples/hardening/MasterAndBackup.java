package org.vrrp.examples.hardening;

import java.time.Duration;
import org.vrrp.examples.it.VrrpRunProcess;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;

/**
 * The pair most hardening tests start from: {@code vrrp run} with VI_51 ({@link Confs#single}) at
 * priority 200 on host A, MASTER, then at priority 100 on host B, BACKUP behind A. {@link #close} stops
 * both; a process a test killed is simply gone.
 */
final class MasterAndBackup implements AutoCloseable {
    /** Time for a JVM to start and an instance to settle, on a loaded machine. */
    static final Duration START = Duration.ofSeconds(30);

    final VrrpRunProcess master;
    final VrrpRunProcess backup;

    private MasterAndBackup(VrrpRunProcess master, VrrpRunProcess backup) {
        this.master = master;
        this.backup = backup;
    }

    static MasterAndBackup start(Host a, Host b) {
        VrrpRunProcess master = VrrpRunProcess.start(a, Confs.single("A", 200), VrrpRunProcess.SMALL_HEAP);
        VrrpRunProcess backup = null;
        try {
            master.awaitState("VI_51", "MASTER", START);
            backup = VrrpRunProcess.start(b, Confs.single("B", 100), VrrpRunProcess.SMALL_HEAP);
            VrrpRunProcess b51 = backup;
            Poll.until(START, "B BACKUP behind A at " + a.ipv4(), () -> b51.answers()
                    && "BACKUP".equals(b51.instance("VI_51").get("state"))
                    && a.ipv4().equals(b51.instance("VI_51").get("master_address")));
            return new MasterAndBackup(master, backup);
        } catch (RuntimeException | Error e) {
            if (backup != null) {
                backup.close();
            }
            master.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            backup.close();
        } finally {
            master.close();
        }
    }
}
