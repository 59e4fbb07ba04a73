package org.vrrp.linux.it;

import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;

/**
 * A router in a JVM of its own, for tests that must kill it as {@code kill -9} would (no priority 0, VIPs
 * left on the interface): {@code java -cp TEST_CLASSPATH org.vrrp.linux.it.StandaloneRouter VRID PRIORITY
 * VERSION [--vmac] [--rt-priority=N] VIP...}, started inside a test host's namespace (`ip netns exec`), on its
 * {@code eth0} ({@code --vmac}: with {@code virtualMac(true)}; {@code --rt-priority=N}: with
 * {@code realtimePriority(N)}). It
 * prints {@value #MASTER_LINE} once it is master and its VIPs are in the kernel, then runs until killed.
 */
public final class StandaloneRouter {
    /** Printed on becoming master. */
    public static final String MASTER_LINE = "STANDALONE ROUTER IS MASTER";

    private StandaloneRouter() {
    }

    public static void main(String[] args) throws InterruptedException {
        VrrpRouter.Builder builder = VrrpRouter.builder().interfaceName("eth0")
                .virtualRouterId(Integer.parseInt(args[0])).priority(Integer.parseInt(args[1]))
                .version(Integer.parseInt(args[2])).shutdownHook(false)
                .listener(new VrrpListener() {
                    @Override
                    public void becomeMaster(StateChange change) {
                        System.out.println(MASTER_LINE);
                        System.out.flush();
                    }
                });
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--vmac")) {
                builder.virtualMac(true);
            } else if (args[i].startsWith("--rt-priority=")) {
                builder.realtimePriority(Integer.parseInt(args[i].substring("--rt-priority=".length())));
            } else {
                builder.vip(args[i]);
            }
        }
        builder.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
