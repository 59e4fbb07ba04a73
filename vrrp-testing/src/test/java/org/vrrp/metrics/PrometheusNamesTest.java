package org.vrrp.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpRouter;
import org.vrrp.testing.SimulatedLan;
import org.vrrp.testing.SimulatedRouter;

/** The names an operator's dashboards and alerts use, as a Prometheus registry prints them. */
class PrometheusNamesTest {

    @Test
    void scrapeHasTheDocumentedSeries() {
        SimulatedLan lan = new SimulatedLan(9);
        SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1").start(VrrpRouter.builder()
                .interfaceName("eth0").virtualRouterId(51).priority(150).vip("192.0.2.254/24"));
        lan.runFor(Duration.ofSeconds(10));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new VrrpMeterBinder(a.instanceNames(), a::stats, Tags.empty(), Duration.ZERO).bindTo(registry);
        List<String> scrape = registry.scrape().lines().toList();

        for (String series : List.of(
                "vrrp_state{instance=\"VI_51\"} 2.0",
                "vrrp_transitions_total{instance=\"VI_51\"} 2.0",
                "vrrp_became_master_total{instance=\"VI_51\"} 1.0",
                "vrrp_adverts_sent_total{instance=\"VI_51\"} ",
                "vrrp_adverts_received_total{instance=\"VI_51\"} 0.0",
                "vrrp_adverts_priority_zero_sent_total{instance=\"VI_51\"} 0.0",
                "vrrp_adverts_priority_zero_received_total{instance=\"VI_51\"} 0.0",
                "vrrp_errors_total{instance=\"VI_51\",reason=\"ttl\"} 0.0",
                "vrrp_errors_total{instance=\"VI_51\",reason=\"address-list\"} 0.0",
                "vrrp_receive_errors_total{reason=\"bad-checksum\"} 0.0",
                "vrrp_receive_errors_total{reason=\"unknown-vrid\"} 0.0",
                "vrrp_priority_effective{instance=\"VI_51\"} 150.0",
                "vrrp_priority_configured{instance=\"VI_51\"} 150.0",
                "vrrp_timer_lateness_seconds 0.0",
                "vrrp_timer_late_wakeups_total 0.0",
                "vrrp_timer_wakeups_total{lateness=\"lt_100us\"} ",
                "vrrp_timer_wakeups_total{lateness=\"lt_25000us\"} ",
                "vrrp_timer_wakeups_total{lateness=\"ge_25000us\"} ")) {
            assertTrue(scrape.stream().anyMatch(line -> line.startsWith(series)), series + " not in\n" + scrape);
        }
    }
}
