package org.vrrp.tool;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.vrrp.VrrpException;
import org.vrrp.control.ControlProtocol;
import java.util.Optional;
import org.vrrp.config.keepalived.ConfigId;

/** {@code vrrp run -f FILE}: runs a keepalived.conf until SIGTERM or SIGINT; SIGHUP rereads it. */
final class RunCommand implements Command {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run the VRRP part of a keepalived.conf until SIGTERM; SIGHUP reloads it";
    }

    @Override
    public String usage() {
        return "usage: vrrp run -f FILE [-i CONFIG_ID] [--control-socket PATH | --no-control-socket] [--hand-over]\n"
                + "       vrrp run -t -f FILE [-i CONFIG_ID]   (the same as vrrp check)\n"
                + "\n"
                + "Runs every vrrp_instance, vrrp_sync_group and vrrp_script of a keepalived.conf (global_defs\n"
                + "and net_namespace honoured) in this JVM, logging each transition as\n"
                + "  (INSTANCE) FROM -> TO: reason\n"
                + "Keywords the library does not support are logged as warnings with file and line.\n"
                + "\n"
                + "Signals: SIGTERM or SIGINT stop gracefully (masters send priority 0, VIPs are removed);\n"
                + "SIGHUP rereads FILE: changed priorities, weights, scripts and VIPs apply without leaving\n"
                + "MASTER; a broken file is refused and the running configuration stays.\n"
                + "\n"
                + "The control socket answers `vrrp status`, `vrrp set-priority` and `vrrp resign`. Its default\n"
                + "is " + ControlProtocol.DEFAULT_SOCKET_PATH + ", or " + SocketPaths.forName("NAME") + " when the file has\n"
                + "net_namespace NAME or instance NAME (both: NAMESPACE_INSTANCE), as keepalived names its pid\n"
                + "files: two routers for two namespaces start side by side with no option.\n"
                + "\n"
                + "  -i, --config-id ID   read the lines starting @ID, skip those starting @^ID (default: the\n"
                + "                       host name up to its first dot, like keepalived)\n"
                + "  -t, --config-test    check the file and exit (vrrp check)\n"
                + "      --hand-over      on SIGTERM/SIGINT a master sends priority 0 but keeps its VIPs until a\n"
                + "                       backup has taken over (its first advert), at most Master_Down_Interval\n"
                + "                       at priority 1: no gap in the traffic; keepalived has no such option\n"
                + "\n"
                + "Needs CAP_NET_RAW and CAP_NET_ADMIN (root, or see docs/operations.md).\n"
                + "Exit status: 0 after a graceful stop; 1 with a one-line reason when the file or the\n"
                + "environment is wrong.\n";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        if (args.contains("-t") || args.contains("--config-test")) {
            return new CheckCommand().run(args, out, err);
        }
        Path file = null;
        Path socket = null;
        boolean noSocket = false;
        boolean handOver = false;
        Optional<String> configId = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-i") || a.equals("--config-id")) {
                configId = Optional.of(CheckCommand.value(args, ++i, "-i needs a CONFIG_ID"));
            } else if (a.equals("-f") || a.equals("--file")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("-f needs a FILE");
                }
                file = Path.of(args.get(++i));
            } else if (a.equals("--control-socket")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--control-socket needs a PATH");
                }
                socket = Path.of(args.get(++i));
            } else if (a.equals("--no-control-socket")) {
                noSocket = true;
            } else if (a.equals("--hand-over")) {
                handOver = true;
            } else {
                throw new UsageException("unknown argument '" + a + "'");
            }
        }
        if (file == null) {
            throw new UsageException("-f FILE is required");
        }
        if (!Files.isReadable(file)) {
            err.println("vrrp run: cannot read " + file);
            return EXIT_FAILURE;
        }
        // Signals first: the JVM's own SIGHUP action is to exit, and reading the file and starting the
        // router takes a second or more in a JVM; a reload (or a stop) asked for meanwhile waits for the
        // start instead (found by the fault campaign: a SIGHUP during start-up killed the router).
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        AtomicReference<KeepalivedRunner> started = new AtomicReference<>();
        AtomicBoolean reloadAsked = new AtomicBoolean();
        Signals.onHangup(() -> {
            reloadAsked.set(true);
            reloadIfAsked(started.get(), reloadAsked);
        });
        KeepalivedRunner runner;
        try {
            Path given = socket;
            boolean none = noSocket;
            boolean handOverOnStop = handOver;
            runner = KeepalivedRunner.start(file, configId.or(ConfigId::defaultId), (b, config) -> {
                b.handOverOnClose(handOverOnStop);
                if (!none) {
                    b.controlSocket(given != null ? given : SocketPaths.forName(config.processName()));
                }
            });
        } catch (ConfigLoader.Refused e) {
            // One error, one line (what a supervisor shows); several: a count, then one line each.
            err.println("vrrp run: " + (e.lines().size() == 1 ? e.lines().get(0)
                    : file + ": " + e.lines().size() + " errors\n" + e.getMessage()));
            return EXIT_FAILURE;
        } catch (IllegalArgumentException e) {
            err.println("vrrp run: " + file + ": " + e.getMessage());
            return EXIT_FAILURE;
        } catch (VrrpException e) {
            err.println("vrrp run: " + e.getMessage());
            return EXIT_FAILURE;
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                runner.close();
            }
        };
        // For a JVM exit that is not one of our signals (or -Xrs, where the signals are not ours).
        Runtime.getRuntime().addShutdownHook(new Thread(close, "vrrp-run-shutdown"));
        started.set(runner);
        reloadIfAsked(runner, reloadAsked);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close.run(); // graceful stop on this thread, so that the exit status is ours: 0
        return EXIT_OK;
    }

    /**
     * Reloads once per SIGHUP asked for, once the router has started: called by the signal thread and,
     * after the start, by the main thread; the flag's getAndSet makes exactly one of them do it.
     */
    private static void reloadIfAsked(KeepalivedRunner runner, AtomicBoolean asked) {
        if (runner != null && asked.getAndSet(false)) {
            runner.reload();
        }
    }
}
