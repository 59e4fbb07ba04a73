package org.vrrp.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Actuator side: a {@code vrrp} health indicator when Actuator is on the class path
 * ({@code management.health.vrrp.enabled=false} turns it off), and the VRRP meters when the application
 * has a Micrometer {@link MeterRegistry}.
 */
@AutoConfiguration(after = VrrpAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnBean(VrrpLifecycle.class)
public class VrrpActuatorAutoConfiguration {

    /** Two levels: the inner condition's class exists only with Actuator, so the outer checks for it first. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    static class Health {
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnEnabledHealthIndicator("vrrp")
        static class Indicator {
            @Bean
            @ConditionalOnMissingBean(name = "vrrpHealthIndicator")
            VrrpHealthIndicator vrrpHealthIndicator(VrrpLifecycle lifecycle) {
                return new VrrpHealthIndicator(lifecycle);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        VrrpMetrics vrrpMetrics(VrrpLifecycle lifecycle) {
            return new VrrpMetrics(lifecycle);
        }
    }
}
