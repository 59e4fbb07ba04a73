package org.vrrp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpRouter;

/**
 * micrometer-core is optional: an application without it must be able to load every class it uses.
 * A class that names a Micrometer type has it in its constant pool, so only org.vrrp.metrics may.
 */
class MicrometerIsOptionalTest {

    @Test
    void onlyTheMetricsPackageNamesMicrometer() throws IOException, URISyntaxException {
        Path classes = Path.of(VrrpRouter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes.resolve("org/vrrp/metrics")), "compiled classes at " + classes);
        List<String> offenders;
        try (Stream<Path> files = Files.walk(classes)) {
            offenders = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !classes.relativize(f).startsWith("org/vrrp/metrics"))
                    .filter(MicrometerIsOptionalTest::namesMicrometer)
                    .map(f -> classes.relativize(f).toString()).toList();
        }
        assertEquals(List.of(), offenders);
        assertTrue(namesMicrometer(classes.resolve("org/vrrp/metrics/VrrpMeterBinder.class")), "the check can see it");
    }

    private static boolean namesMicrometer(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("io/micrometer/");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
