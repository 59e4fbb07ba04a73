package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The keepalived captures kept in vrrp-core's test resources, found from this module's directory. */
final class Fixtures {
    private Fixtures() {}

    static Path capture(String name) {
        // Surefire runs in the module directory and sets basedir; fall back to the working directory.
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path file = module.resolve("../vrrp-core/src/test/resources/fixtures/keepalived/" + name + ".pcap")
                .normalize();
        assertTrue(Files.isRegularFile(file), "fixture not found: " + file.toAbsolutePath());
        return file;
    }
}
