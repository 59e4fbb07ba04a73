package org.vrrp.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.config.keepalived.Diagnostic;
import org.vrrp.config.keepalived.KeepalivedConfig;
import org.vrrp.config.keepalived.KeepalivedConfigException;
import org.vrrp.config.keepalived.KeepalivedConfigReader;
import org.vrrp.config.keepalived.KeepalivedMapping;
import org.vrrp.script.NotifyScriptRunner;

/**
 * Runs a keepalived.conf as one router, like keepalived: start, reload on SIGHUP, stop gracefully.
 *
 * <p>A reload rereads the file. A broken file is refused with its errors and the running config
 * stays. A file of the same shape is applied in place ({@link VrrpRouter#reload}), so a master stays
 * master; a structural change (instances added or removed, an interface or VRID changed) restarts the
 * router, which is said in the log. Thread-safe: start, reload and close are serialized.
 */
final class KeepalivedRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("vrrp");
    /** keepalived has no notify timeout by default; a hung script must not pile up for ever. */
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(30);

    /** How the runner finishes a builder before starting it (the tool adds its control socket there). */
    interface BuilderCustomizer {
        VrrpRouter.Builder customize(VrrpRouter.Builder builder);
    }

    private final Path file;
    private final BuilderCustomizer customizer;
    private final NotifyScriptRunner notifier = new NotifyScriptRunner(NOTIFY_TIMEOUT);
    private VrrpRouter router;

    private KeepalivedRunner(Path file, BuilderCustomizer customizer) {
        this.file = file;
        this.customizer = customizer;
    }

    /**
     * Reads, checks and starts the configuration.
     *
     * @throws KeepalivedConfigException  the file does not parse or validate (the message lists file:line errors)
     * @throws IllegalArgumentException   the library cannot run a value the file has (the message names it)
     * @throws org.vrrp.VrrpException     the environment does not allow it (capability, interface, namespace)
     */
    static KeepalivedRunner start(Path file, BuilderCustomizer customizer) throws KeepalivedConfigException {
        KeepalivedRunner runner = new KeepalivedRunner(file, customizer);
        try {
            VrrpRouterConfig config = runner.load();
            runner.router = VrrpRouter.start(config);
        } catch (RuntimeException | KeepalivedConfigException e) {
            runner.notifier.close();
            throw e;
        }
        LOG.info("running {} from {}: {}", runner.router.config().instances().size() == 1 ? "1 instance"
                : runner.router.config().instances().size() + " instances", file, instanceSummary(runner.router.config()));
        return runner;
    }

    private VrrpRouterConfig load() throws KeepalivedConfigException {
        KeepalivedConfig parsed = KeepalivedConfigReader.read(file);
        for (Diagnostic d : parsed.warnings()) {
            LOG.warn("{}", d);
        }
        KeepalivedMapping.Result mapped = KeepalivedMapping.toBuilder(parsed, notifier);
        for (String w : mapped.warnings()) {
            LOG.warn("{}", w);
        }
        // The tool closes the router from its own signal handling, after which it stops the notifier.
        return customizer.customize(mapped.builder().shutdownHook(false)).build();
    }

    /** Rereads the file and applies it; never throws: a refusal is logged and the running config stays. */
    synchronized void reload() {
        VrrpRouterConfig next;
        try {
            next = load();
        } catch (KeepalivedConfigException | IllegalArgumentException e) {
            LOG.error("reload of {} refused, the running configuration stays:\n{}", file, e.getMessage());
            return;
        }
        try {
            router.reload(next);
            LOG.info("reloaded {}: {}", file, instanceSummary(next));
        } catch (IllegalArgumentException e) {
            LOG.warn("reload of {}: {}; restarting the router (mastership may move)", file, e.getMessage());
            router.close();
            router = VrrpRouter.start(next);
        }
    }

    private static String instanceSummary(VrrpRouterConfig config) {
        List<String> parts = config.instances().stream().map(i -> i.name() + " (" + i.protocol().interfaceName()
                + " vrid " + i.protocol().vrid() + " prio " + i.protocol().priority() + " v" + i.protocol().version()
                + ")").toList();
        return String.join(", ", parts);
    }

    synchronized VrrpRouter router() {
        return router;
    }

    /** Graceful stop: priority 0 from masters, VIPs removed, then the last notify scripts (STOP) run. */
    @Override
    public synchronized void close() {
        if (router != null) {
            router.close();
        }
        notifier.close();
    }
}
