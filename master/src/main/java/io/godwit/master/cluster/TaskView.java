package io.godwit.master.cluster;

import java.util.List;

/**
 * A task in the public task list; {@code stage} is Paused when any of its subtasks is to be paused,
 * else Running when any is to run, else Stopped.
 */
public record TaskView(String name, String taskMode, List<String> sourceNameList, String stage) {
}
