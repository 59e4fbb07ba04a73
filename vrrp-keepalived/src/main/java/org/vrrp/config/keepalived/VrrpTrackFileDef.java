package org.vrrp.config.keepalived;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code track_file NAME { }} (or its older name {@code vrrp_track_file}): a file holding a number. Immutable and
 * thread-safe.
 *
 * @param name          the tracker's name
 * @param file          {@code file PATH}, required
 * @param weight        {@code weight N [reverse]}: default 1, -254..254
 * @param reverse       {@code reverse} after the weight
 * @param initValue     {@code init_file [VALUE]}: write VALUE (default 0) at start if the file does not exist
 * @param initOverwrite {@code init_file ... overwrite}: write it even if the file exists
 * @param location      where the block starts
 */
public record VrrpTrackFileDef(String name, String file, int weight, boolean reverse, OptionalLong initValue,
                               boolean initOverwrite, SourceLocation location) {
    /**
     * Checks that the components are present.
     *
     * @param name the tracker's name
     * @param file {@code file PATH}
     * @param weight {@code weight N}
     * @param reverse {@code reverse}
     * @param initValue {@code init_file VALUE}
     * @param initOverwrite {@code init_file ... overwrite}
     * @param location where the block starts
     */
    public VrrpTrackFileDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(initValue, "initValue");
        Objects.requireNonNull(location, "location");
    }
}
