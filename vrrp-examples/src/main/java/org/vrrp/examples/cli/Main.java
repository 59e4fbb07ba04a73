package org.vrrp.examples.cli;

/** Entry point of the {@code vrrp} tool. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("usage: vrrp <command> [options]   (commands arrive with the codec and runtime issues)");
    }
}
