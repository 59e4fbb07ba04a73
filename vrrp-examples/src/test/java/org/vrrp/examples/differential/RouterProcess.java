package org.vrrp.examples.differential;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vrrp.examples.it.VrrpRunProcess;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.KeepalivedProcess;

/**
 * A router process of either implementation, driven the same way: a signal by name (TERM, KILL, STOP,
 * CONT, HUP) delivered to whatever process does VRRP, and the conf file rewritten for a reload.
 */
record RouterProcess(Consumer<String> signaller, Consumer<String> rewriter, Supplier<String> logs, Runnable closer)
        implements AutoCloseable {

    /** keepalived in {@code host}'s namespace; or {@code vrrp run -f} when {@code ours}. */
    static RouterProcess start(boolean ours, Host host, String conf) {
        if (ours) {
            VrrpRunProcess p = VrrpRunProcess.start(host, conf, VrrpRunProcess.SMALL_HEAP);
            return new RouterProcess(p::signal, p::rewrite, p::log, p::close);
        }
        KeepalivedProcess k = KeepalivedProcess.start(host, conf);
        return new RouterProcess(name -> keepalivedSignal(k, name), k::rewrite, k::log, () -> {
            if (k.isAlive()) {
                vrrpChildren(k).forEach(c -> Command.runUnchecked("kill", "-CONT", c));
            }
            k.close();
        });
    }

    /**
     * keepalived is a parent that reloads (SIGHUP) and stops (SIGTERM, forwarded) and a VRRP child that
     * sends the adverts. SIGSTOP/SIGCONT go to the child; kill -9 stops the parent first so it cannot
     * respawn the child (nor let it die gracefully by its parent-death signal), then kills both.
     */
    private static void keepalivedSignal(KeepalivedProcess k, String name) {
        String parent = Long.toString(k.pid());
        switch (name) {
            case "STOP", "CONT" -> vrrpChildren(k).forEach(c -> Command.run("kill", "-" + name, c));
            case "KILL" -> {
                Command.run("kill", "-STOP", parent);
                vrrpChildren(k).forEach(c -> Command.run("kill", "-KILL", c));
                Command.run("kill", "-KILL", parent);
            }
            default -> Command.run("kill", "-" + name, parent);
        }
    }

    private static List<String> vrrpChildren(KeepalivedProcess k) {
        return ProcessHandle.of(k.pid()).stream().flatMap(ProcessHandle::children)
                .filter(c -> c.info().command().map(cmd -> cmd.contains("keepalived")).orElse(false))
                .map(c -> Long.toString(c.pid())).toList();
    }

    void signal(String name) {
        signaller.accept(name);
    }

    void rewrite(String conf) {
        rewriter.accept(conf);
    }

    String log() {
        return logs.get();
    }

    @Override
    public void close() {
        closer.run();
    }
}
