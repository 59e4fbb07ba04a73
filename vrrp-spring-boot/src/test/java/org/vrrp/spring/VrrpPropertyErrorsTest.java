package org.vrrp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A bad {@code vrrp.*} value stops the context with a message that names the property, its value and
 * the fix in application.yml terms, never the builder's method names.
 */
class VrrpPropertyErrorsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VrrpAutoConfiguration.class))
            .withBean(LoneNetwork.class, LoneNetwork::new);

    private VrrpPropertyException failure(String... properties) {
        VrrpPropertyException[] out = new VrrpPropertyException[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof VrrpPropertyException)) {
                t = t.getCause();
            }
            assertThat(t).as("a VrrpPropertyException in %s", context.getStartupFailure()).isNotNull();
            out[0] = (VrrpPropertyException) t;
        });
        return out[0];
    }

    private static final String[] VALID = {"vrrp.interface=eth0", "vrrp.virtual-router-id=51",
            "vrrp.vips=192.0.2.254/24"};

    private VrrpPropertyException failureWith(String... extra) {
        List<String> all = new java.util.ArrayList<>(List.of(VALID));
        all.addAll(List.of(extra));
        return failure(all.toArray(String[]::new));
    }

    @Test
    void aPriorityOutOfRangeNamesThePropertyTheValueAndTheRange() {
        VrrpPropertyException e = failureWith("vrrp.priority=300");
        assertThat(e.property()).isEqualTo("vrrp.priority");
        assertThat(e.value()).isEqualTo(300);
        assertThat(e.reason()).contains("1..255").contains("300");

        FailureAnalysis analysis = new VrrpPropertyFailureAnalyzer().analyze(e);
        assertThat(analysis.getDescription()).startsWith("Invalid VRRP configuration: vrrp.priority is '300'.")
                .contains("vrrp.priority must be in 1..255, got 300");
        assertThat(analysis.getAction()).startsWith("Change vrrp.priority in application.yml")
                .contains("--vrrp.priority=").contains("VRRP_PRIORITY");
    }

    @Test
    void missingRequiredPropertiesAreNamedWithAnExample() {
        VrrpPropertyException e = failure("vrrp.virtual-router-id=51", "vrrp.vips=192.0.2.254/24");
        assertThat(e.property()).isEqualTo("vrrp.interface");
        assertThat(e.value()).isNull();
        assertThat(e.getMessage()).isEqualTo("vrrp.interface is not set: it is required, e.g. vrrp.interface: eth0");
        assertThat(failure("vrrp.interface=eth0", "vrrp.vips=192.0.2.254/24").property())
                .isEqualTo("vrrp.virtual-router-id");
        assertThat(failure("vrrp.interface=eth0", "vrrp.virtual-router-id=51").property()).isEqualTo("vrrp.vips");
    }

    @Test
    void theFixIsWrittenAsAPropertyNotAsABuilderCall() {
        VrrpPropertyException e = failureWith("vrrp.advertisement-interval=500ms");
        assertThat(e.property()).isEqualTo("vrrp.advertisement-interval");
        assertThat(e.value()).isEqualTo(Duration.ofMillis(500));
        assertThat(new VrrpPropertyFailureAnalyzer().analyze(e).getDescription())
                .startsWith("Invalid VRRP configuration: vrrp.advertisement-interval is '500ms'.");
        assertThat(e.reason()).isEqualTo("vrrp.advertisement-interval 500ms is not allowed in VRRPv2: whole seconds"
                + " 1..255 only; for sub-second adverts use vrrp.version: 3");

        VrrpPropertyException auth = failureWith("vrrp.version=3", "vrrp.authentication=secret");
        assertThat(auth.property()).isEqualTo("vrrp.authentication");
        assertThat(auth.reason()).contains("use vrrp.version: 2");
    }

    @Test
    void anInstanceErrorNamesTheInstanceProperty() {
        VrrpPropertyException own = failure("vrrp.interface=eth0", "vrrp.instances.db.virtual-router-id=52",
                "vrrp.instances.db.vips=192.0.2.253/24", "vrrp.instances.db.priority=0");
        assertThat(own.property()).isEqualTo("vrrp.instances.db.priority");
        assertThat(own.value()).isEqualTo(0);
        assertThat(own.reason()).isEqualTo("vrrp.instances.db.priority must be in 1..255, got 0 (instance \"db\")");

        VrrpPropertyException inherited = failure("vrrp.interface=eth0", "vrrp.priority=256",
                "vrrp.instances.db.virtual-router-id=52", "vrrp.instances.db.vips=192.0.2.253/24");
        assertThat(inherited.property()).as("the instance inherits the top-level value").isEqualTo("vrrp.priority");
        assertThat(inherited.value()).isEqualTo(256);
    }

    @Test
    void addressesThatDoNotParseAreNamed() {
        VrrpPropertyException e = failure("vrrp.interface=eth0", "vrrp.virtual-router-id=51",
                "vrrp.vips=192.0.2.300/24");
        assertThat(e.property()).isEqualTo("vrrp.vips");
        assertThat(e.value()).isEqualTo(List.of("192.0.2.300/24"));
        assertThat(failureWith("vrrp.vips=192.0.2.4 via eth1").reason()).contains("dev DEVICE");
        assertThat(failureWith("vrrp.unicast-peers=peer.example").property()).isEqualTo("vrrp.unicast-peers");
    }

    @Test
    void healthCheckErrorsNameTheCheck() {
        VrrpPropertyException fall = failureWith("vrrp.health-checks.app.fall=0");
        assertThat(fall.property()).isEqualTo("vrrp.health-checks.app.fall");
        assertThat(fall.value()).isEqualTo(0);

        VrrpPropertyException interval = failureWith("vrrp.health-checks.app.interval=5");
        assertThat(interval.property()).isEqualTo("vrrp.health-checks.app.interval");
        assertThat(interval.reason()).contains("no bean of type org.vrrp.HealthCheck is named \"app\"")
                .contains("@Bean HealthCheck app()");

        assertThat(failureWith("vrrp.track-health-checks.nothere=-10").property()).isEqualTo("vrrp.track-health-checks");
    }

    @Test
    void garpAndSyncGroupErrorsAreNamed() {
        assertThat(failureWith("vrrp.garp.master-repeat=0").property()).isEqualTo("vrrp.garp.master-repeat");
        assertThat(failureWith("vrrp.garp.interval=15ms").property()).isEqualTo("vrrp.garp.interval");
        assertThat(failureWith("vrrp.sync-groups.pair=VI_51,ghost").property()).isEqualTo("vrrp.sync-groups.pair");
    }

    @Test
    void aValueOfTheWrongTypeIsReportedBySpringBootUnderItsPropertyName() {
        runner.withPropertyValues("vrrp.interface=eth0", "vrrp.virtual-router-id=fifty-one", "vrrp.vips=192.0.2.254")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("vrrp.virtual-router-id");
                });
    }
}
