package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpState;

/**
 * {@code @ID} and {@code @^ID} lines, read as keepalived 2.2.7 reads them (lib/parser.c): {@code @ID} only
 * with config id ID, {@code @^ID} only without it, leading blanks allowed, a bare {@code @ID} dropped.
 */
class ConfigIdTest {
    private static final String FILE = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
            @node1    state MASTER
            @node1    priority 150
            @^node1   state BACKUP
                @^node1 priority 100
                @node2
                virtual_ipaddress {
                    192.0.2.10/24
                }
            }
            """;

    private static VrrpInstanceDef read(Optional<String> id) throws KeepalivedConfigException {
        KeepalivedConfig c = KeepalivedConfigReader.parse(FILE, "k.conf", id);
        assertEquals(List.of(), c.warnings(), "no false warning about @ lines");
        return c.instances().get(0);
    }

    @Test
    void withTheIdItsLinesAreReadAndTheReversedOnesSkipped() throws Exception {
        // keepalived 2.2.7 -t -i node1 on this file: exit 0.
        VrrpInstanceDef vi = read(Optional.of("node1"));
        assertEquals(VrrpState.MASTER, vi.initialState());
        assertEquals(150, vi.priority());
    }

    @Test
    void withAnotherIdOrNoneTheReversedLinesAreRead() throws Exception {
        // keepalived 2.2.7 -t (config id: the host name) and -t -i node2: exit 0.
        for (Optional<String> id : List.of(Optional.<String>empty(), Optional.of("node2"), Optional.of("node11"))) {
            VrrpInstanceDef vi = read(id);
            assertEquals(VrrpState.BACKUP, vi.initialState(), id.toString());
            assertEquals(100, vi.priority(), id.toString());
        }
    }

    @Test
    void lineNumbersStayThoseOfTheFile() throws Exception {
        KeepalivedConfigException e = org.junit.jupiter.api.Assertions.assertThrows(KeepalivedConfigException.class,
                () -> KeepalivedConfigReader.parse("vrrp_instance VI {\n  interface eth0\n@a virtual_router_id 300\n"
                        + "  virtual_ipaddress {\n    192.0.2.1\n  }\n}\n", "k.conf", Optional.of("a")));
        assertEquals("k.conf:3: virtual_router_id 300 is out of range 1..255", e.errors().get(0).toString());
    }
}
