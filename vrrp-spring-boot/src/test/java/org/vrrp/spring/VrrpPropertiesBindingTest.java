package org.vrrp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.vrrp.GarpConfig;
import org.vrrp.HealthCheck;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceConfig;
import org.vrrp.InstanceSpec;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.packet.ChecksumForm;

/** Every {@code vrrp.*} property reaches the router's configuration. */
class VrrpPropertiesBindingTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VrrpAutoConfiguration.class))
            .withPropertyValues("vrrp.interface=eth0", "vrrp.virtual-router-id=51", "vrrp.vips=192.0.2.254/24");

    @Test
    void theSingleInstanceTakesEverySetting() {
        runner.withPropertyValues("vrrp.priority=150", "vrrp.version=3", "vrrp.advertisement-interval=100ms",
                "vrrp.preempt=false", "vrrp.preempt-delay=2", "vrrp.initial-state=backup",
                "vrrp.vips=192.0.2.254/24,192.0.2.253", "vrrp.unicast-peers=192.0.2.2,192.0.2.3", "vrrp.track-interfaces=eth1",
                "vrrp.dont-track-primary=true", "vrrp.checksum-with-ipv4-pseudo-header=false",
                "vrrp.reassert-on-lower-priority=false", "vrrp.advertise-before-stepping-down=false", "vrrp.garp.master-delay=2", "vrrp.garp.master-repeat=3",
                "vrrp.garp.master-refresh=60", "vrrp.garp.master-refresh-repeat=2", "vrrp.garp.interval=10ms",
                "vrrp.health-checks.app.weight=-20", "vrrp.health-checks.app.fall=2", "vrrp.health-checks.app.rise=3",
                "vrrp.track-health-checks.app=-30", "vrrp.network-namespace=blue",
                "vrrp.control-socket=/run/vrrp/app.sock").run(context -> {
            assertThat(context).hasNotFailed();
            VrrpRouterConfig config = context.getBean(VrrpRouterConfig.class);
            assertThat(config.instances()).hasSize(1);
            InstanceSpec spec = config.instances().get(0);
            InstanceConfig i = spec.protocol();
            assertThat(i.name()).isEqualTo("VI_51");
            assertThat(i.interfaceName()).isEqualTo("eth0");
            assertThat(i.vrid()).isEqualTo(51);
            assertThat(i.priority()).isEqualTo(150);
            assertThat(i.version()).isEqualTo(3);
            assertThat(i.advertIntervalCentis()).isEqualTo(10);
            assertThat(i.preempt()).isFalse();
            assertThat(i.preemptDelayCentis()).isEqualTo(200);
            assertThat(i.startAsMaster()).isFalse();
            assertThat(i.vips()).map(Object::toString)
                    .containsExactly("192.0.2.254/24 dev eth0", "192.0.2.253/32 dev eth0");
            assertThat(i.unicastPeers()).map(a -> a.getHostAddress()).containsExactly("192.0.2.2", "192.0.2.3");
            assertThat(i.v3Ipv4ChecksumForm()).isEqualTo(ChecksumForm.MESSAGE);
            assertThat(i.reassertOnLowerPriority()).isFalse();
            assertThat(i.advertiseBeforeSteppingDown()).isFalse();
            assertThat(i.garp()).isEqualTo(new GarpConfig(200, 3, 6000, 2, 1));
            assertThat(spec.trackedInterfaces()).containsExactly("eth1");
            assertThat(spec.trackedChecks()).isEqualTo(Map.of("app", -30));
            HealthCheckSpec app = config.healthChecks().get("app");
            assertThat(app.isPushed()).isTrue();
            assertThat(List.of(app.weight(), app.fall(), app.rise())).containsExactly(-20, 2, 3);
            assertThat(config.networkNamespace()).isEqualTo("blue");
            assertThat(config.controlSocket()).isEqualTo(Path.of("/run/vrrp/app.sock"));
            assertThat(config.shutdownHook()).as("the library's own JVM shutdown hook").isFalse();
        });
    }

    @Test
    void durationsWithoutUnitAreSecondsAsInKeepalived() {
        runner.withPropertyValues("vrrp.advertisement-interval=2", "vrrp.authentication=secret1").run(context -> {
            InstanceConfig i = context.getBean(VrrpRouterConfig.class).instances().get(0).protocol();
            assertThat(i.advertIntervalCentis()).isEqualTo(200);
            assertThat(i.version()).isEqualTo(2);
            assertThat(i.authData()).isNotNull();
        });
    }

    @Test
    void namedInstancesInheritTheTopLevelSettingsAndFormSyncGroups() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(VrrpAutoConfiguration.class))
                .withPropertyValues("vrrp.interface=eth0", "vrrp.priority=120",
                        "vrrp.instances.web.virtual-router-id=51", "vrrp.instances.web.vips=192.0.2.254/24",
                        "vrrp.instances.db.virtual-router-id=52", "vrrp.instances.db.priority=90",
                        "vrrp.instances.db.vips=198.51.100.254/24 dev eth1", "vrrp.sync-groups.pair=web,db")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    VrrpRouterConfig config = context.getBean(VrrpRouterConfig.class);
                    assertThat(config.instances()).map(InstanceSpec::name).containsExactly("web", "db");
                    InstanceConfig web = config.instances().get(0).protocol();
                    InstanceConfig db = config.instances().get(1).protocol();
                    assertThat(List.of(web.interfaceName(), web.vrid(), web.priority())).containsExactly("eth0", 51, 120);
                    assertThat(List.of(db.interfaceName(), db.vrid(), db.priority())).containsExactly("eth0", 52, 90);
                    assertThat(db.vips()).map(Object::toString).containsExactly("198.51.100.254/24 dev eth1");
                    assertThat(config.syncGroups()).isEqualTo(Map.of("pair", List.of("web", "db")));
                });
    }

    @Test
    void aHealthCheckBeanIsPolledUnderItsBeanNameWithTheTimingsOfItsProperties() {
        runner.withPropertyValues("vrrp.health-checks.backend.interval=500ms", "vrrp.health-checks.backend.timeout=200ms",
                        "vrrp.health-checks.backend.weight=-50")
                .withBean("backend", HealthCheck.class, () -> () -> true)
                .withBean("cache", HealthCheck.class, () -> () -> true)
                .withBean(HealthCheckSpec.class, () -> HealthCheckSpec.pushed("deploy").withWeight(10))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Map<String, HealthCheckSpec> checks = context.getBean(VrrpRouterConfig.class).healthChecks();
                    assertThat(checks).containsOnlyKeys("backend", "cache", "deploy");
                    HealthCheckSpec backend = checks.get("backend");
                    assertThat(backend.isPushed()).isFalse();
                    assertThat(backend.interval()).hasMillis(500);
                    assertThat(backend.timeout()).hasMillis(200);
                    assertThat(backend.weight()).isEqualTo(-50);
                    assertThat(checks.get("cache").weight()).as("defaults: FAULT while failing").isZero();
                    assertThat(checks.get("deploy").weight()).isEqualTo(10);
                });
    }

    @Test
    void aCustomizerSeesTheBuilderButCannotTurnTheShutdownHookBackOn() {
        runner.withBean(VrrpRouterBuilderCustomizer.class, () -> b -> b.priority(200).shutdownHook(true))
                .run(context -> {
                    assertThat(context.getBean(VrrpLifecycle.class).config().shutdownHook()).isFalse();
                });
    }
}
