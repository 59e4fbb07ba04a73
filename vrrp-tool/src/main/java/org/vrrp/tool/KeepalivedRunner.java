package org.vrrp.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import java.util.Optional;
import org.vrrp.config.keepalived.KeepalivedConfig;
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
        void customize(VrrpRouter.Builder builder, KeepalivedConfig config);
    }

    private final Path file;
    private final Optional<String> configId;
    private final BuilderCustomizer customizer;
    private final NotifyScriptRunner notifier = new NotifyScriptRunner(NOTIFY_TIMEOUT);
    private VrrpRouter router;

    private KeepalivedRunner(Path file, Optional<String> configId, BuilderCustomizer customizer) {
        this.file = file;
        this.configId = configId;
        this.customizer = customizer;
    }

    /**
     * Reads, checks and starts the configuration.
     *
     * @param configId selects the {@code @ID} lines, as keepalived's {@code -i}
     * @throws ConfigLoader.Refused       the file would not run (the lines say FILE:LINE: why)
     * @throws IllegalArgumentException   the library cannot run a value the file has (the message names it)
     * @throws org.vrrp.VrrpException     the environment does not allow it (capability, interface, namespace)
     */
    static KeepalivedRunner start(Path file, Optional<String> configId, BuilderCustomizer customizer)
            throws ConfigLoader.Refused {
        KeepalivedRunner runner = new KeepalivedRunner(file, configId, customizer);
        try {
            VrrpRouterConfig config = runner.load();
            runner.router = VrrpRouter.start(config);
        } catch (RuntimeException | ConfigLoader.Refused e) {
            runner.notifier.close();
            throw e;
        }
        LOG.info("running {} from {}: {}", runner.router.config().instances().size() == 1 ? "1 instance"
                : runner.router.config().instances().size() + " instances", file, instanceSummary(runner.router.config()));
        return runner;
    }

    private VrrpRouterConfig load() throws ConfigLoader.Refused {
        ConfigLoader.Loaded loaded;
        try {
            loaded = ConfigLoader.load(file, configId, notifier);
        } catch (ConfigLoader.Refused e) {
            e.warnings().forEach(w -> LOG.warn("{}", w));
            throw e;
        }
        loaded.notes().forEach(n -> LOG.info("{}", n));
        loaded.warnings().forEach(w -> LOG.warn("{}", w));
        customizer.customize(loaded.builder(), loaded.config());
        return ConfigLoader.build(file, loaded);
    }

    /** Rereads the file and applies it; never throws: a refusal is logged and the running config stays. */
    synchronized void reload() {
        VrrpRouterConfig next;
        try {
            next = load();
        } catch (ConfigLoader.Refused | IllegalArgumentException e) {
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
