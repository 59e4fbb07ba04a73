package org.vrrp.config.keepalived;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the test configurations under src/test/resources/keepalived-conf. */
final class ConfFiles {
    private ConfFiles() {}

    static Path path(String name) {
        URL url = ConfFiles.class.getResource("/keepalived-conf/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource keepalived-conf/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeepalivedConfig read(String name) throws KeepalivedConfigException {
        return KeepalivedConfigReader.read(path(name));
    }
}
