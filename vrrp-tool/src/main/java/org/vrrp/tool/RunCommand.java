package org.vrrp.tool;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vrrp.VrrpException;
import org.vrrp.control.ControlProtocol;
import org.vrrp.config.keepalived.KeepalivedConfigException;

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
        return "usage: vrrp run -f FILE [--control-socket PATH | --no-control-socket]\n"
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
                + "The control socket (default " + ControlProtocol.DEFAULT_SOCKET_PATH + ") answers\n"
                + "`vrrp status`, `vrrp set-priority` and `vrrp resign`.\n"
                + "\n"
                + "Needs CAP_NET_RAW and CAP_NET_ADMIN (root, or see docs/operations.md).\n"
                + "Exit status: 0 after a graceful stop; 1 with a one-line reason when the file or the\n"
                + "environment is wrong.\n";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Path file = null;
        Path socket = ControlProtocol.DEFAULT_SOCKET_PATH;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-f") || a.equals("--file")) {
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
                socket = null;
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
        KeepalivedRunner runner;
        try {
            Path controlSocket = socket;
            runner = KeepalivedRunner.start(file, b -> controlSocket == null ? b : b.controlSocket(controlSocket));
        } catch (KeepalivedConfigException e) {
            // One error, one line (what a supervisor shows); several: a count, then one line each.
            err.println("vrrp run: " + (e.errors().size() == 1 ? e.errors().get(0) : e.getMessage()));
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
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        Signals.onHangup(runner::reload);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close.run(); // graceful stop on this thread, so that the exit status is ours: 0
        return EXIT_OK;
    }
}
