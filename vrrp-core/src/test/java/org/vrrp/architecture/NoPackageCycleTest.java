package org.vrrp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpRouter;

/**
 * The packages of vrrp-core form no cycle (issue 12 item 2): the API ({@code org.vrrp}) reaches the runtime only
 * through {@link org.vrrp.RouterRuntime}, which it declares; control, protocol and runtime depend on the API, not
 * the reverse. Reads the compiled main classes, so a cycle fails here with the class that closes it.
 */
class NoPackageCycleTest {
    private static Path mainClasses() throws URISyntaxException {
        return Path.of(VrrpRouter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void vrrpCorePackagesFormNoCycle() throws Exception {
        PackageGraph graph = PackageGraph.ofClasses(mainClasses(), "org.vrrp");
        List<String> cycles = graph.cycles();
        assertTrue(cycles.isEmpty(), "package cycles in vrrp-core:\n" + String.join("\n", cycles)
                + "\nBreak each by moving a type or by depending on an interface the lower package declares.");
    }

    @Test
    void theGraphSeesTheKnownLayers() throws Exception {
        PackageGraph graph = PackageGraph.ofClasses(mainClasses(), "org.vrrp");
        // So that an empty graph (nothing read) cannot pass the test above.
        assertTrue(graph.edges().get("org.vrrp.runtime").containsAll(Set.of("org.vrrp", "org.vrrp.protocol")),
                graph.edges().toString());
        assertTrue(graph.edges().get("org.vrrp.protocol").contains("org.vrrp.packet"), graph.edges().toString());
        assertTrue(!graph.edges().get("org.vrrp").contains("org.vrrp.runtime"), graph.edges().toString());
    }

    @Test
    void aCycleIsReportedWithTheClassesThatCloseIt() {
        PackageGraph graph = new PackageGraph();
        graph.add("a.A", "b.B");
        graph.add("b.B", "c.C");
        graph.add("c.C", "a.Z");
        graph.add("c.C", "d.D");
        List<String> cycles = graph.cycles();
        assertEquals(1, cycles.size(), cycles.toString());
        assertTrue(cycles.get(0).startsWith("cycle between [a, b, c]:"), cycles.get(0));
        assertTrue(cycles.get(0).contains("c -> a  (c.C -> a.Z)"), cycles.get(0));
    }
}
