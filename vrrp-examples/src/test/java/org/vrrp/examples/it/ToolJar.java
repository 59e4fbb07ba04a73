package org.vrrp.examples.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the integration tests find the tool's {@code vrrp.jar}: the one place that says it. Failsafe sets
 * the system property {@code vrrp.jar} (vrrp-examples/pom.xml) to vrrp-tool's {@code target/vrrp.jar};
 * without it (a test run from an IDE) the same path is taken from this module's directory.
 */
public final class ToolJar {
    private ToolJar() {}

    /** The shaded jar vrrp-tool's {@code package} built; fails with what to run when it is missing. */
    public static Path path() {
        String property = System.getProperty("vrrp.jar");
        Path jar = property != null ? Path.of(property)
                : ScenarioConf.moduleDir().resolve("../vrrp-tool/target/vrrp.jar");
        jar = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: build it first (mvn verify does, or"
                    + " mvn -B -q -pl vrrp-tool -am package -DskipTests)");
        }
        return jar;
    }
}
