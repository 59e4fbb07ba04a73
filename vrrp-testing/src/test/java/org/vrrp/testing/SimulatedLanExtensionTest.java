package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/** {@link VrrpTest} as a user's test sees it: a LAN per test on virtual time, routers closed after, the seed in a failure. */
@VrrpTest(seed = 7)
class SimulatedLanExtensionTest {
    private static SimulatedRouter leftRunning;

    static VrrpRouter.Builder router(int priority) {
        return TestRouters.router(priority, "192.0.2.254/24");
    }

    @Test
    void aTestGetsASeededLanAndDrivesItsVirtualClock(SimulatedLan lan) {
        assertEquals(7, lan.seed());
        SimulatedRouter a = lan.start("a", "192.0.2.1", router(150));
        SimulatedRouter b = lan.start("b", "192.0.2.2", router(100));
        lan.advance(Duration.ofSeconds(5));
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.BACKUP, b.state());
        a.close();
        lan.advance(Duration.ofSeconds(1)); // b hears priority 0 and takes over after its skew time
        assertEquals(VrrpState.MASTER, b.state());
        assertEquals(List.of("b"), lan.hostsHolding("192.0.2.254"));
        assertEquals(Duration.ofSeconds(6), lan.elapsed(), "five and one virtual seconds, no more");
    }

    @Test
    void parametersOfOneTestShareTheirLan(SimulatedLan one, SimulatedLan two) {
        assertSame(one, two);
    }

    @Test
    @VrrpTest(seed = 99)
    void aMethodsSeedWinsOverItsClasss(SimulatedLan lan) {
        assertEquals(99, lan.seed());
    }

    @Test
    void routersStillRunningAtTheEndAreClosedAndAFailureNamesTheSeed() {
        TestExecutionSummary summary = run(UserTest.class);
        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(1, summary.getTestsFailedCount());
        Throwable failure = summary.getFailures().get(0).getException();
        assertTrue(Arrays.stream(failure.getSuppressed()).anyMatch(s -> s.getMessage().equals(
                "simulated LAN seed 1234 at virtual time PT3S; replay with @VrrpTest(seed = 1234)")),
                Arrays.toString(failure.getSuppressed()));
        assertTrue(leftRunning.isClosed(), "the extension closed the router the test left running");
        assertEquals(VrrpState.INITIALIZE, leftRunning.state());
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameter(LAUNCHED, "true").build(), listener);
        return listener.getSummary();
    }

    private static final String LAUNCHED = "vrrp.testing.userTest";

    /**
     * Runs {@link UserTest} only when the test above launches it: surefire skips nested classes by default,
     * but not under {@code -Dtest=...}, and there its intended failure would fail the build.
     */
    static final class OnlyWhenLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by SimulatedLanExtensionTest")
                    : ConditionEvaluationResult.disabled("a fixture of SimulatedLanExtensionTest, which launches it");
        }
    }

    /** A user's test class, run through the launcher by the test above. */
    @VrrpTest(seed = 1234)
    @ExtendWith(OnlyWhenLaunched.class)
    static class UserTest {
        @Test
        void leavesItsRouterRunning(SimulatedLan lan) {
            leftRunning = lan.start("a", "192.0.2.1", router(150));
            lan.advance(Duration.ofSeconds(4));
        }

        @Test
        void fails(SimulatedLan lan) {
            lan.advance(Duration.ofSeconds(3));
            throw new AssertionError("the user's assertion");
        }
    }
}
