package io.javeze.cli;

import picocli.CommandLine.IVersionProvider;

public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = JavezeCli.class.getPackage().getImplementationVersion();
        return new String[] {"javeze " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}
