package org.vrrp.spring;

import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.vrrp.HealthCheck;
import org.vrrp.HealthCheckSpec;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.spi.NetworkProvider;

/**
 * The VRRP router of a Spring Boot application, from {@code vrrp.*} properties.
 *
 * <p>Beans it picks up: every {@link VrrpListener}; every {@link HealthCheck} (a polled check named
 * after the bean) and {@link HealthCheckSpec}; a {@link NetworkProvider} (instead of the one
 * {@link java.util.ServiceLoader} finds, e.g. in tests); {@link VrrpRouterBuilderCustomizer}s.
 *
 * <p>The configuration is validated when the context starts, so a bad property stops the application
 * before the web server listens; the router itself starts when the application is ready
 * ({@link VrrpLifecycle}). {@code vrrp.enabled=false} turns all of it off.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "vrrp", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(VrrpProperties.class)
public class VrrpAutoConfiguration {

    /**
     * The validated configuration; a bad property fails here with a {@link VrrpPropertyException}.
     *
     * @param properties the properties
     * @param beans the beans
     * @param listeners the listeners
     * @param healthCheckSpecs the health check specs
     * @param networkProvider the network provider
     * @param customizers the customizers
     * @return the validated configuration; a bad property fails here with a {@link VrrpPropertyException}
     */
    @Bean
    @ConditionalOnMissingBean
    public VrrpRouterConfig vrrpRouterConfig(VrrpProperties properties, ListableBeanFactory beans,
                                             ObjectProvider<VrrpListener> listeners,
                                             ObjectProvider<HealthCheckSpec> healthCheckSpecs,
                                             ObjectProvider<NetworkProvider> networkProvider,
                                             ObjectProvider<VrrpRouterBuilderCustomizer> customizers) {
        VrrpConfigMapper mapper = new VrrpConfigMapper(properties);
        VrrpRouter.Builder builder = VrrpRouter.builder();
        Map<String, HealthCheck> checks = beans.getBeansOfType(HealthCheck.class);
        try {
            mapper.apply(builder, checks);
            healthCheckSpecs.orderedStream().forEach(builder::healthCheck);
            listeners.orderedStream().forEach(builder::listener);
            networkProvider.ifAvailable(builder::networkProvider);
            customizers.orderedStream().forEach(c -> c.customize(builder));
            builder.shutdownHook(false); // the lifecycle closes the router, in its phase
            return builder.build();
        } catch (VrrpPropertyException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw mapper.translate(e);
        }
    }

    /**
     * The router in the application's life cycle: it joins when the application is ready and resigns before the web server stops.
     *
     * @param config the validated configuration
     * @return the life cycle bean
     */
    @Bean
    @ConditionalOnMissingBean
    public VrrpLifecycle vrrpLifecycle(VrrpRouterConfig config) {
        return new VrrpLifecycle(config);
    }
}
