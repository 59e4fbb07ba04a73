package org.vrrp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * The router's place in the application's life cycle: it joins when the application is ready, leaves
 * (priority 0, VIP removed) before the web server's graceful shutdown, and the health indicator and
 * meters follow it. The network is {@link LoneNetwork}: alone, the router becomes MASTER.
 */
class VrrpLifecycleTest {
    private static final String[] PROPERTIES = {"vrrp.interface=eth0", "vrrp.virtual-router-id=51",
            "vrrp.priority=150", "vrrp.vips=192.0.2.254/24", "vrrp.version=3", "vrrp.advertisement-interval=20ms"};
    private static final String VIP = "192.0.2.254/24 dev eth0";

    private final LoneNetwork network = new LoneNetwork();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VrrpAutoConfiguration.class, VrrpActuatorAutoConfiguration.class))
            .withPropertyValues(PROPERTIES)
            .withBean(LoneNetwork.class, () -> network);

    private static void ready(ConfigurableApplicationContext context) {
        context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void thePhaseIsAboveTheWebServersGracefulShutdownAndBelowTheDefault() {
        assertThat(VrrpLifecycle.PHASE).isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
                .isLessThan(SmartLifecycle.DEFAULT_PHASE);
    }

    @Test
    void joinsOnlyWhenTheApplicationIsReadyAndLeavesWithPriorityZeroOnClose() {
        runner.run(context -> {
            VrrpLifecycle lifecycle = context.getBean(VrrpLifecycle.class);
            assertThat(lifecycle.isRunning()).isTrue();
            assertThat(lifecycle.router()).as("no router before ApplicationReadyEvent").isNull();
            assertThat(network.opened).isZero();

            ready(context.getSourceApplicationContext());
            VrrpRouter router = lifecycle.router();
            assertThat(router).isNotNull();
            await("MASTER", () -> router.state() == VrrpState.MASTER);
            assertThat(network.addresses).containsExactly(VIP);
            lifecycle.start();
            assertThat(lifecycle.router()).as("start() while running starts no second router").isSameAs(router);
            assertThat(network.opened).isEqualTo(1);

            context.getSourceApplicationContext().stop();
            assertThat(lifecycle.router()).isNull();
            assertThat(network.lastAdvertPriority()).as("the last advert resigns").isZero();
            assertThat(network.addresses).as("kept for the web server's requests in flight").containsExactly(VIP);

            context.getSourceApplicationContext().start();
            assertThat(lifecycle.router()).as("a context started again after it was ready joins again").isNotNull();
            assertThat(network.opened).isEqualTo(2);
        });
        assertThat(network.addresses).isEmpty();
        assertThat(network.lastAdvertPriority()).isZero();
    }

    /** A web server whose graceful shutdown records what the LAN saw at that moment. */
    static final class RecordingWebServer implements WebServer {
        final List<String> events = new ArrayList<>();
        private final LoneNetwork network;

        RecordingWebServer(LoneNetwork network) {
            this.network = network;
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
            events.add("stop");
        }

        @Override
        public int getPort() {
            return 8080;
        }

        @Override
        public void shutDownGracefully(GracefulShutdownCallback callback) {
            events.add("graceful shutdown: VIPs " + network.addresses + ", last advert priority "
                    + network.lastAdvertPriority());
            callback.shutdownComplete(GracefulShutdownResult.IDLE);
        }
    }

    @Test
    void resignsBeforeTheWebServersGracefulShutdownAndRemovesTheVipAfterTheWebServerStopped() {
        RecordingWebServer server = new RecordingWebServer(network);
        runner.withBean("webServerGracefulShutdown", WebServerGracefulShutdownLifecycle.class,
                () -> new WebServerGracefulShutdownLifecycle(server)).run(context -> {
            ready(context.getSourceApplicationContext());
            VrrpRouter router = context.getBean(VrrpLifecycle.class).router();
            await("MASTER", () -> router.state() == VrrpState.MASTER);
        });
        assertThat(server.events).as("resigned (priority 0) before; the VIP still there for requests in flight")
                .containsExactly("graceful shutdown: VIPs [" + VIP + "], last advert priority 0");
        assertThat(network.addresses).as("removed when the context is destroyed").isEmpty();
    }

    @Test
    void theHealthIndicatorReportsStatePriorityAndMaster() {
        runner.run(context -> {
            VrrpHealthIndicator indicator = context.getBean(VrrpHealthIndicator.class);
            Health before = indicator.health();
            assertThat(before.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

            ready(context.getSourceApplicationContext());
            VrrpRouter router = context.getBean(VrrpLifecycle.class).router();
            await("MASTER", () -> router.state() == VrrpState.MASTER);
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            Map<String, Object> d = health.getDetails();
            assertThat(d).containsEntry("state", "MASTER").containsEntry("priority", 150)
                    .containsEntry("configuredPriority", 150).containsEntry("masterAddress", "192.0.2.1")
                    .containsEntry("virtualRouterId", 51).containsEntry("interface", "eth0")
                    .containsEntry("vips", List.of(VIP));

            context.getSourceApplicationContext().stop();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Test
    void aPushedHealthCheckThatFailsPutsTheInstanceInFaultAndTheHealthDown() {
        runner.withPropertyValues("vrrp.health-checks.app.weight=0").run(context -> {
            ready(context.getSourceApplicationContext());
            VrrpLifecycle lifecycle = context.getBean(VrrpLifecycle.class);
            await("MASTER", () -> lifecycle.router().state() == VrrpState.MASTER);
            lifecycle.reportHealth("app", false);
            await("FAULT", () -> lifecycle.router().state() == VrrpState.FAULT);
            Health health = context.getBean(VrrpHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", "FAULT");
            assertThat(network.addresses).isEmpty();
        });
    }

    @Test
    void withSeveralInstancesTheHealthDetailsAreByInstance() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VrrpAutoConfiguration.class, VrrpActuatorAutoConfiguration.class))
                .withBean(LoneNetwork.class, () -> network)
                .withPropertyValues("vrrp.interface=eth0", "vrrp.version=3", "vrrp.advertisement-interval=20ms",
                        "vrrp.instances.web.virtual-router-id=51", "vrrp.instances.web.vips=192.0.2.254/24",
                        "vrrp.instances.db.virtual-router-id=52", "vrrp.instances.db.vips=192.0.2.253/24")
                .run(context -> {
                    ready(context.getSourceApplicationContext());
                    VrrpRouter router = context.getBean(VrrpLifecycle.class).router();
                    await("both MASTER", () -> router.state("web") == VrrpState.MASTER
                            && router.state("db") == VrrpState.MASTER);
                    Health health = context.getBean(VrrpHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> instances = (Map<String, Map<String, Object>>) health.getDetails()
                            .get("instances");
                    assertThat(instances).containsOnlyKeys("web", "db");
                    assertThat(instances.get("db")).containsEntry("virtualRouterId", 52).containsEntry("state", "MASTER");
                });
    }

    @Test
    void theMetersAreBoundToTheApplicationsRegistryWhenTheRouterJoins() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(VrrpMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(VrrpMetrics.class).bindTo(registry); // what Spring Boot's MeterRegistryPostProcessor does
            ready(context.getSourceApplicationContext());
            VrrpRouter router = context.getBean(VrrpLifecycle.class).router();
            await("MASTER", () -> router.state() == VrrpState.MASTER);
            await("vrrp.state 2", () -> registry.get("vrrp.state").tag("instance", "VI_51").gauge().value() == 2.0);
            assertThat(registry.get("vrrp.adverts.sent").functionCounter().count()).isPositive();
        });
    }

    @Test
    void conditions() {
        runner.run(context -> assertThat(context).hasSingleBean(VrrpLifecycle.class)
                .hasSingleBean(VrrpHealthIndicator.class).doesNotHaveBean(VrrpMetrics.class));
        runner.withPropertyValues("vrrp.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(VrrpLifecycle.class).doesNotHaveBean(VrrpHealthIndicator.class));
        runner.withPropertyValues("management.health.vrrp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(VrrpHealthIndicator.class));
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(VrrpLifecycle.class)
                        .doesNotHaveBean(VrrpHealthIndicator.class));
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).withBean("registry", Object.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(VrrpMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        LoneNetwork loneNetwork() {
            return new LoneNetwork();
        }
    }

    @Test
    void aSpringBootApplicationFindsTheAutoConfigurationAndJoinsWhenReady() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).properties(PROPERTIES).run()) {
            VrrpLifecycle lifecycle = context.getBean(VrrpLifecycle.class);
            assertThat(lifecycle.router()).as("SpringApplication published ApplicationReadyEvent").isNotNull();
            assertThat(lifecycle.config().shutdownHook()).isFalse();
        }
    }
}
