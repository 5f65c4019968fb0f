package io.godwit.dist;

import picocli.CommandLine;

/** Version from the jar manifest, or "dev" when run from classes. */
final class GodwitVersion implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
        String v = Godwit.class.getPackage().getImplementationVersion();
        return new String[] {"godwit " + (v == null ? "dev" : v)};
    }
}
