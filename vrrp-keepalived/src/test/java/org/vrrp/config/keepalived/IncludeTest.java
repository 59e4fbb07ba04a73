package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include: relative to the including file, globbed in sorted order, depth-limited, cycle-checked, errors name the file. */
class IncludeTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void globMatchesAreReadInSortedOrderRelativeToTheIncludingFile() throws Exception {
        Path main = write("etc/keepalived.conf", "include conf.d/*.conf\n");
        write("etc/conf.d/b.conf", "vrrp_script second {\n    script /bin/true\n}\n");
        write("etc/conf.d/a.conf", "vrrp_script first {\n    script /bin/true\n}\n");
        write("etc/conf.d/ignored.txt", "not a config\n");
        KeepalivedConfig config = KeepalivedConfigReader.read(main);
        assertEquals(List.of("first", "second"), config.scripts().stream().map(VrrpScriptDef::name).toList());
    }

    @Test
    void nestedIncludeIsRelativeToItsOwnDirectory() throws Exception {
        Path main = write("keepalived.conf", "include sub/level1.conf\n");
        write("sub/level1.conf", "include deeper/level2.conf\n");
        write("sub/deeper/level2.conf", "vrrp_script deep {\n    script /bin/true\n}\n");
        KeepalivedConfig config = KeepalivedConfigReader.read(main);
        assertEquals("deep", config.scripts().get(0).name());
        assertTrue(config.scripts().get(0).location().file().endsWith("sub/deeper/level2.conf"));
    }

    @Test
    void includeInsideABlockAddsToThatBlock() throws Exception {
        Path main = write("keepalived.conf", "vrrp_instance VI {\n    include vips.conf\n    interface eth0\n"
                + "    virtual_router_id 5\n}\n");
        write("vips.conf", "virtual_ipaddress {\n    192.0.2.5/24\n}\n");
        VrrpInstanceDef vi = KeepalivedConfigReader.read(main).instances().get(0);
        assertEquals("192.0.2.5/24", vi.virtualAddresses().get(0).toString());
        assertEquals(dir.resolve("vips.conf") + ":2", vi.virtualAddresses().get(0).location().toString());
    }

    @Test
    void errorInIncludedFileNamesThatFile() throws Exception {
        Path main = write("keepalived.conf", "include vrrp.conf\n");
        write("vrrp.conf", "vrrp_instance VI {\n    interface eth0\n    virtual_router_id 999\n}\n");
        KeepalivedConfigException e = assertThrows(KeepalivedConfigException.class, () -> KeepalivedConfigReader.read(main));
        assertEquals(dir.resolve("vrrp.conf") + ":3: virtual_router_id 999 is out of range 1..255",
                e.errors().get(0).toString());
    }

    @Test
    void missingLiteralIncludeIsAnError() throws Exception {
        Path main = write("keepalived.conf", "\ninclude nothere.conf\n");
        KeepalivedConfigException e = assertThrows(KeepalivedConfigException.class, () -> KeepalivedConfigReader.read(main));
        assertEquals(main + ":2: include nothere.conf: no such file " + dir.resolve("nothere.conf"),
                e.errors().get(0).toString());
    }

    @Test
    void globMatchingNothingIsAWarning() throws Exception {
        Path main = write("keepalived.conf", "include conf.d/*.conf\n");
        KeepalivedConfig config = KeepalivedConfigReader.read(main);
        assertEquals(main + ":1: include conf.d/*.conf matched no file, nothing included",
                config.warnings().get(0).toString());
    }

    @Test
    void includeCycleIsAnErrorNamingTheChain() throws Exception {
        Path main = write("a.conf", "include b.conf\n");
        write("b.conf", "include a.conf\n");
        KeepalivedConfigException e = assertThrows(KeepalivedConfigException.class, () -> KeepalivedConfigReader.read(main));
        Path a = main.toRealPath();
        Path b = dir.resolve("b.conf").toRealPath();
        assertEquals(dir.resolve("b.conf") + ":1: include cycle: " + a + " -> " + b + " -> " + a,
                e.errors().get(0).toString());
    }

    @Test
    void includeDepthIsLimited() throws Exception {
        int files = SyntaxTreeBuilder.MAX_INCLUDE_DEPTH + 2;
        for (int i = 0; i < files; i++) {
            write("f" + i + ".conf", "include f" + (i + 1) + ".conf\n");
        }
        write("f" + files + ".conf", "\n");
        KeepalivedConfigException e = assertThrows(KeepalivedConfigException.class,
                () -> KeepalivedConfigReader.read(dir.resolve("f0.conf")));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertTrue(e.errors().get(0).message().startsWith("include depth exceeds 8 at " + dir.resolve("f9.conf")),
                e.getMessage());
    }

    @Test
    void unreadableTopFileIsAnError() {
        Path missing = dir.resolve("absent.conf");
        KeepalivedConfigException e = assertThrows(KeepalivedConfigException.class,
                () -> KeepalivedConfigReader.read(missing));
        assertEquals(missing + ": cannot read " + missing + ": no such file", e.errors().get(0).toString());
    }
}
