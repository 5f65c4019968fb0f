package io.godwit.master.cluster;

import java.util.List;

/**
 * One task as {@code GET /api/v1/tasks/{task}} shows it: the list entry plus its task.yaml with every
 * password replaced by {@code ******} (as DM's get-config masks the target password).
 */
public record TaskDetailView(String name, String taskMode, List<String> sourceNameList, String stage,
                             String taskYaml) {
}
