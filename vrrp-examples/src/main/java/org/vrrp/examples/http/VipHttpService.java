package org.vrrp.examples.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;
import org.vrrp.spi.VirtualAddress;

/**
 * An HTTP service that answers on the virtual IP only while this host is VRRP master: the
 * smallest useful application of the library. Two copies on two hosts give a highly available
 * endpoint with no keepalived and no notify scripts.
 *
 * <pre>
 * java -cp vrrp-tool/target/vrrp.jar:vrrp-examples/target/vrrp-examples.jar org.vrrp.examples.http.VipHttpService eth0 51 150 192.0.2.254/24 8080 [NAME]
 * </pre>
 *
 * <p>The listener binds the server in {@code becomeMaster}, when the library guarantees the VIP is
 * on the interface, and unbinds in {@code becomeBackup} / {@code becomeFault}. Listener callbacks
 * arrive one at a time, so the two never race.
 */
public final class VipHttpService implements VrrpListener {
    private static final Logger LOG = LoggerFactory.getLogger(VipHttpService.class);

    private final String name;
    private final int port;
    private VirtualAddress vip;
    private HttpServer server;
    private Instant masterSince;

    VipHttpService(String name, int port) {
        this.name = name;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: VipHttpService INTERFACE VRID PRIORITY VIP[/PREFIX] PORT [NAME]");
            System.exit(2);
        }
        String name = args.length > 5 ? args[5] : java.net.InetAddress.getLocalHost().getHostName();
        VipHttpService service = new VipHttpService(name, Integer.parseInt(args[4]));
        CountDownLatch stop = new CountDownLatch(1);
        VrrpRouter router = VrrpRouter.builder()
                .interfaceName(args[0]).virtualRouterId(Integer.parseInt(args[1])).priority(Integer.parseInt(args[2]))
                .vip(args[3])
                .listener(service)
                .shutdownHook(false)
                .start();
        service.vip = router.config().instances().get(0).protocol().vips().get(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            router.close();     // priority 0 first, so the peer takes over within its skew time
            stop.countDown();
        }));
        LOG.info("{}: VRRP instance started, HTTP on {}:{} while master", name, service.vip.address().getHostAddress(),
                service.port);
        stop.await();
    }

    @Override
    public synchronized void becomeMaster(StateChange change) {
        masterSince = change.time();
        try {
            server = HttpServer.create(new InetSocketAddress(vip.address(), port), 16);
            server.createContext("/", exchange -> {
                byte[] body = (name + " is master for " + vip.address().getHostAddress() + " since " + masterSince
                        + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            LOG.info("{}: MASTER ({}); serving http://{}:{}/", name, change.reason(), vip.address().getHostAddress(), port);
        } catch (IOException e) {
            LOG.error("{}: could not bind {}:{}: {}", name, vip.address().getHostAddress(), port, e.getMessage());
        }
    }

    @Override
    public void becomeBackup(StateChange change) {
        stopServing(change);
    }

    @Override
    public void becomeFault(StateChange change) {
        stopServing(change);
    }

    @Override
    public void stateChanged(StateChange change) {
        if (change.to() == org.vrrp.VrrpState.INITIALIZE) {
            stopServing(change);
        }
    }

    private synchronized void stopServing(StateChange change) {
        if (server != null) {
            server.stop(0);
            server = null;
            LOG.info("{}: {} ({}); stopped serving", name, change.to(), change.reason());
        }
    }
}
