package io.godwit.dmctl;

import picocli.CommandLine;

/** What every command that talks to the master shares: the API client for the root's {@code --master-addr}. */
final class MasterCall {
    private MasterCall() {}

    static MasterApi api(CommandLine.Model.CommandSpec spec) {
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return new MasterApi(((Dmctl) root.getCommand()).masterAddr);
    }
}
