package org.vrrp.spring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vrrp.VrrpRouter;
import org.vrrp.metrics.VrrpMeterBinder;

/**
 * Binds {@link VrrpMeterBinder} to the application's meter registry. The router only exists once the
 * application is ready, while Spring Boot binds {@link MeterBinder} beans when the registry is set up;
 * so this binder remembers the registry and binds each router the lifecycle starts. After the router
 * closes the meters keep its final figures; a router started again replaces them.
 *
 * <p>Thread-safe.
 */
public class VrrpMetrics implements MeterBinder {
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private volatile VrrpRouter router;

    /** @param lifecycle the life cycle whose router is measured */
    public VrrpMetrics(VrrpLifecycle lifecycle) {
        lifecycle.onJoin(this::bind);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        VrrpRouter r = router;
        if (r != null) {
            new VrrpMeterBinder(r).bindTo(registry);
        }
    }

    private void bind(VrrpRouter started) {
        router = started;
        for (MeterRegistry registry : registries) {
            List<Meter> previous = registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("vrrp."))
                    .toList();
            previous.forEach(registry::remove);
            new VrrpMeterBinder(started).bindTo(registry);
        }
    }
}
