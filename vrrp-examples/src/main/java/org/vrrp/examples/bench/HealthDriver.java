package org.vrrp.examples.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.vrrp.HealthCheckSpec;
import org.vrrp.VrrpRouter;
import org.vrrp.config.keepalived.KeepalivedConfig;
import org.vrrp.config.keepalived.KeepalivedConfigReader;
import org.vrrp.config.keepalived.KeepalivedMapping;
import org.vrrp.script.NotifyScriptRunner;

/**
 * App-health benchmark driver (issue 6 item 2): runs the instances of a keepalived.conf as one
 * {@link VrrpRouter} with an extra pushed health check {@code app} (weight 0, tracked by every
 * instance), as an application embedding the library would. On SIGUSR1 it prints
 * {@code REPORT <epoch microseconds>} and calls {@code reportHealth("app", false)}; on SIGUSR2
 * {@code reportHealth("app", true)}; SIGTERM closes the router.
 *
 * <pre>java -cp vrrp-tool/target/vrrp.jar:vrrp-examples/target/vrrp-examples.jar org.vrrp.examples.bench.HealthDriver keepalived.conf</pre>
 */
public final class HealthDriver {
    private HealthDriver() {}

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: HealthDriver KEEPALIVED_CONF");
            System.exit(2);
        }
        KeepalivedConfig parsed = KeepalivedConfigReader.read(Path.of(args[0]));
        NotifyScriptRunner notifier = new NotifyScriptRunner(Duration.ofSeconds(30));
        VrrpRouter router = KeepalivedMapping.toBuilder(parsed, notifier).builder()
                .healthCheck(HealthCheckSpec.pushed("app"))
                .shutdownHook(false)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            router.close();
            notifier.close();
            stopped.countDown();
        }, "health-driver-shutdown"));
        sun.misc.Signal.handle(new sun.misc.Signal("USR1"), s -> {
            Instant now = Instant.now();
            router.reportHealth("app", false);
            System.out.println("REPORT " + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1000));
            System.out.flush();
        });
        sun.misc.Signal.handle(new sun.misc.Signal("USR2"), s -> router.reportHealth("app", true));
        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }
}
