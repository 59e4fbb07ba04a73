package org.vrrp.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link VrrpTest} (also usable with {@code @ExtendWith}): gives each test
 * method its own {@link SimulatedLan} as a parameter, closes the LAN's routers after the test, and adds
 * the seed to a failure so that it can be replayed. JUnit calls it on the test's thread, which is the
 * one thread that drives the LAN.
 */
public final class SimulatedLanExtension implements ParameterResolver, AfterEachCallback,
        TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimulatedLanExtension.class);
    private static final String LAN = "lan";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SimulatedLan.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // One LAN per test method, shared by every parameter of that method that asks for one.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(LAN, key -> new SimulatedLan(seed(context)),
                SimulatedLan.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SimulatedLan lan = context.getStore(NAMESPACE).get(LAN, SimulatedLan.class);
        if (lan != null) {
            lan.closeAll();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        SimulatedLan lan = context.getStore(NAMESPACE).get(LAN, SimulatedLan.class);
        if (lan != null) {
            failure.addSuppressed(new SeedNote("simulated LAN seed " + lan.seed() + " at virtual time "
                    + lan.elapsed() + "; replay with @VrrpTest(seed = " + lan.seed() + ")"));
        }
        throw failure;
    }

    private static long seed(ExtensionContext context) {
        return annotation(context.getTestMethod()).or(() -> annotation(context.getTestClass()))
                .map(VrrpTest::seed).orElse(1L);
    }

    private static Optional<VrrpTest> annotation(Optional<? extends AnnotatedElement> element) {
        return element.flatMap(e -> AnnotationSupport.findAnnotation(e, VrrpTest.class));
    }

    /** Carries the seed in a failure's report; no stack trace of its own, it would only point here. */
    private static final class SeedNote extends Exception {
        SeedNote(String message) {
            super(message, null, false, false);
        }
    }
}
