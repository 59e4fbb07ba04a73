package org.vrrp.examples.differential;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.vrrp.examples.it.VrrpRunProcess;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.KeepalivedProcess;

/**
 * A router process of either implementation, driven the same way: a signal by name (TERM, KILL, STOP,
 * CONT, HUP) delivered to whatever process does VRRP, and the conf file rewritten for a reload; its pid
 * (keepalived's parent) and liveness; and for ours the control socket ({@code null} for keepalived,
 * which has none).
 */
public record RouterProcess(Consumer<String> signaller, Consumer<String> rewriter, Supplier<String> logs,
                            LongSupplier pid, Supplier<Boolean> alive, VrrpRunProcess ours, Runnable closer)
        implements AutoCloseable {

    /** keepalived in {@code host}'s namespace; or {@code vrrp run -f} when {@code ours}. */
    public static RouterProcess start(boolean ours, Host host, String conf) {
        return ours ? ours(VrrpRunProcess.start(host, conf, VrrpRunProcess.SMALL_HEAP)) : keepalived(host, conf);
    }

    /** Ours, able to allocate garbage while {@code allocateWhile} exists ({@link VrrpRunProcess#startWithAllocator}). */
    public static RouterProcess startOurs(Host host, String conf, Path allocateWhile, int allocMbPerS) {
        return ours(VrrpRunProcess.startWithAllocator(host, conf, allocateWhile, allocMbPerS,
                VrrpRunProcess.SMALL_HEAP));
    }

    private static RouterProcess ours(VrrpRunProcess p) {
        return new RouterProcess(p::signal, p::rewrite, p::log, p::pid, p::isAlive, p, p::close);
    }

    /** keepalived 2.2.7 in {@code host}'s namespace. */
    public static RouterProcess keepalived(Host host, String conf) {
        KeepalivedProcess k = KeepalivedProcess.start(host, conf);
        return new RouterProcess(name -> keepalivedSignal(k, name), k::rewrite, k::log, k::pid, k::isAlive, null, () -> {
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

    public void signal(String name) {
        signaller.accept(name);
    }

    public void rewrite(String conf) {
        rewriter.accept(conf);
    }

    public String log() {
        return logs.get();
    }

    public boolean isAlive() {
        return alive.get();
    }

    /** Whether it has a control socket ({@code vrrp run}) for {@link #control}. */
    public boolean hasControlSocket() {
        return ours != null;
    }

    /** A control-socket command ({@link VrrpRunProcess#control}); only when {@link #hasControlSocket}. */
    public String control(String command, Duration timeout) throws IOException {
        if (ours == null) {
            throw new IllegalStateException("keepalived has no control socket");
        }
        return ours.control(command, timeout);
    }

    @Override
    public void close() {
        closer.run();
    }
}
