package io.godwit.shardmerge;

import java.util.List;

/**
 * One member as the group keeps it.
 *
 * @param definition         the member's current definition (as its last accepted report or registration left it)
 * @param departed           its upstream table was dropped: it reports nothing more, but the target keeps its rows, so
 *                           its columns and indexes stay in the join
 * @param droppedWhileShared columns this member dropped while other members kept them, so the target still has them
 *                           (DM's "partially dropped" columns); adding one back is refused until the target drops it
 * @param lastReportDigest   SHA-256 of the member's last accepted report, to recognise it when it comes again
 * @param lastDecision       the decision given for that report
 */
public record MemberState(ShardMember member, ShardTableDefinition definition, boolean departed,
                          List<String> droppedWhileShared, String lastReportDigest, ShardDdlDecision lastDecision) {
    public MemberState {
        droppedWhileShared = List.copyOf(droppedWhileShared);
    }

    static MemberState joining(ShardMember member, ShardTableDefinition definition) {
        return new MemberState(member, definition, false, List.of(), null, null);
    }

    MemberState withDefinition(ShardTableDefinition newDefinition) {
        return new MemberState(member, newDefinition, false, droppedWhileShared, lastReportDigest, lastDecision);
    }

    MemberState withDroppedWhileShared(List<String> columns) {
        return new MemberState(member, definition, departed, columns, lastReportDigest, lastDecision);
    }

    MemberState withLastReport(String digest, ShardDdlDecision decision) {
        return new MemberState(member, definition, departed, droppedWhileShared, digest, decision);
    }

    MemberState departing() {
        return new MemberState(member, definition, true, List.of(), null, null);
    }
}
