package org.vrrp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library modules depend on each other only as their READMEs' "May depend on" allow, use core's internal
 * packages only where vrrp-core's module-info exports them by name, and their packages form no cycle across
 * modules (issue 12 item 2). Reads the compiled classes of every module (target/classes or the jar), so it
 * holds for vrrp-testing, vrrp-linux, vrrp-keepalived, vrrp-tool and vrrp-spring-boot, which are automatic
 * modules whose dependencies the JVM does not check. Lives here because vrrp-examples sees every module.
 */
class ModuleDependencyTest {
    /** Module -> a class file it holds, to find its classes without loading them (Spring is not on this path). */
    private static final Map<String, String> PROBE = new LinkedHashMap<>();
    /** Module -> the modules of ours it may use, from each module's README. */
    private static final Map<String, Set<String>> MAY_DEPEND_ON = new LinkedHashMap<>();
    /** Core's packages that are not API -> the modules vrrp-core's module-info exports them to. */
    private static final Map<String, Set<String>> INTERNAL_EXPORTED_TO = Map.of(
            "org.vrrp.protocol", Set.of(),
            "org.vrrp.runtime", Set.of("vrrp-testing"),
            "org.vrrp.control", Set.of("vrrp-linux", "vrrp-tool"));

    static {
        module("vrrp-core", "org/vrrp/VrrpRouter.class");
        module("vrrp-testing", "org/vrrp/testing/SimulatedLan.class", "vrrp-core");
        module("vrrp-linux", "org/vrrp/linux/LinuxNetworkProvider.class", "vrrp-core");
        module("vrrp-keepalived", "org/vrrp/config/keepalived/KeepalivedConfigReader.class", "vrrp-core");
        module("vrrp-tool", "org/vrrp/tool/Main.class", "vrrp-keepalived", "vrrp-linux", "vrrp-core");
        module("vrrp-spring-boot", "org/vrrp/spring/VrrpLifecycle.class", "vrrp-core", "vrrp-linux");
    }

    private static void module(String name, String probe, String... mayDependOn) {
        PROBE.put(name, probe);
        MAY_DEPEND_ON.put(name, Set.of(mayDependOn));
    }

    private static final List<FileSystem> jars = new ArrayList<>();
    private static final Map<String, PackageGraph> graphs = new LinkedHashMap<>();
    /** package -> the module whose classes are in it. */
    private static final Map<String, String> owner = new TreeMap<>();

    @BeforeAll
    static void readEveryModule() throws Exception {
        for (Map.Entry<String, String> m : PROBE.entrySet()) {
            Path root = classesRoot(m.getValue());
            graphs.put(m.getKey(), PackageGraph.ofClasses(root, "org.vrrp"));
            for (String pkg : packagesUnder(root)) {
                String before = owner.putIfAbsent(pkg, m.getKey());
                assertTrue(before == null, "package " + pkg + " is split between " + before + " and " + m.getKey());
            }
        }
    }

    @AfterAll
    static void closeJars() throws IOException {
        for (FileSystem fs : jars) {
            fs.close();
        }
    }

    @Test
    void eachModuleUsesOnlyTheModulesItsReadmeAllows() {
        List<String> violations = new ArrayList<>();
        graphs.forEach((module, graph) -> graph.edges().forEach((from, uses) -> {
            if (!module.equals(owner.get(from))) {
                return; // a package this module only mentions
            }
            uses.forEach(to -> {
                String example = graph.example(from, to);
                String target = owner.get(to);
                if (target == null || target.equals(module)) {
                    return;
                }
                if (!MAY_DEPEND_ON.get(module).contains(target)) {
                    violations.add(module + " -> " + target + "  (" + example + ")");
                } else if (INTERNAL_EXPORTED_TO.containsKey(to) && !INTERNAL_EXPORTED_TO.get(to).contains(module)) {
                    violations.add(module + " -> internal " + to + "  (" + example + ")");
                }
            });
        }));
        assertTrue(violations.isEmpty(), "dependencies that the modules' READMEs (or vrrp-core's module-info) do not"
                + " allow:\n" + String.join("\n", violations)
                + "\nMove the type to a module both may use, or (for core's internals) export it by name in module-info.");
    }

    @Test
    void thePackagesOfAllModulesFormNoCycle() {
        PackageGraph all = new PackageGraph();
        graphs.values().forEach(g -> g.edges().forEach((from, uses) -> uses.forEach(to -> {
            String[] classes = g.example(from, to).split(" -> ");
            all.add(classes[0], classes[1]);
        })));
        List<String> cycles = all.cycles();
        assertTrue(cycles.isEmpty(), "package cycles across modules:\n" + String.join("\n", cycles));
    }

    @Test
    void everyModuleWasRead() {
        // So that an empty read (a probe that moved) cannot pass the tests above.
        assertEquals(PROBE.keySet(), Set.copyOf(owner.values()), owner.toString());
        assertEquals("vrrp-core", owner.get("org.vrrp.protocol"));
        assertTrue(graphs.get("vrrp-tool").edges().get("org.vrrp.tool").contains("org.vrrp.config.keepalived"));
    }

    /** The directory or jar root that holds {@code probe}. */
    private static Path classesRoot(String probe) throws Exception {
        URL url = ModuleDependencyTest.class.getClassLoader().getResource(probe);
        assertTrue(url != null, probe + " is not on the test class path");
        if ("jar".equals(url.getProtocol())) {
            Path jar = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
            FileSystem fs = FileSystems.newFileSystem(jar);
            jars.add(fs);
            return fs.getPath("/");
        }
        Path file = Path.of(url.toURI());
        return file.getRoot().resolve(file.subpath(0, file.getNameCount() - Path.of(probe).getNameCount()));
    }

    private static Set<String> packagesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .map(f -> root.relativize(f.getParent()).toString().replace('/', '.'))
                    .filter(p -> p.startsWith("org.vrrp"))
                    .collect(Collectors.toSet());
        }
    }
}
