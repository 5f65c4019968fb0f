package io.godwit.shardmerge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

import java.io.IOException;
import java.util.Objects;

/**
 * The JSON of the shard-DDL lock service between the workers ({@link HttpShardDdlCoordinator}) and the master, one
 * body per {@code POST /internal/v1/shard-ddl/...} call. The keys are the records' component names (camelCase), the
 * same form as {@link ShardGroupStateJson}:
 * <ul>
 *   <li>{@code register}: {@link RegisterRequest} {@code {"group", "member", "definition"}} → {@link ShardDdlDecision}</li>
 *   <li>{@code report}: {@link ShardDdlReport} {@code {"group", "member", "before", "steps"}} → {@link ShardDdlDecision}</li>
 *   <li>{@code acknowledge}: {@link AcknowledgeRequest} {@code {"group", "member", "version"}} → {@code {}}</li>
 *   <li>{@code leave}: {@link LeaveRequest} {@code {"group", "member"}} → {@code {}}</li>
 *   <li>{@code group}: {@link GroupRequest} {@code {"group"}} → {@link GroupReply} {@code {"state": state or null}}</li>
 * </ul>
 * with a group as {@code {"task", "target": {"schema", "table"}}} and a member as
 * {@code {"sourceId", "table": {"schema", "table"}}}.
 *
 * <p>Version skew: a request with a key the master does not know is refused (CLUSTER_BAD_REQUEST), since the master
 * would persist a state without what the key meant; an answer with a key the worker does not know is read without it,
 * since a worker only acts on the statements and versions it knows.
 */
public final class ShardDdlWire {
    public static final String REGISTER = "/internal/v1/shard-ddl/register";
    public static final String REPORT = "/internal/v1/shard-ddl/report";
    public static final String ACKNOWLEDGE = "/internal/v1/shard-ddl/acknowledge";
    public static final String LEAVE = "/internal/v1/shard-ddl/leave";
    public static final String GROUP = "/internal/v1/shard-ddl/group";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectReader LENIENT = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ShardDdlWire() {}

    public record RegisterRequest(ShardGroupId group, ShardMember member, ShardTableDefinition definition) {
        public RegisterRequest {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(definition, "definition");
        }
    }

    public record AcknowledgeRequest(ShardGroupId group, ShardMember member, long version) {
        public AcknowledgeRequest {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(member, "member");
        }
    }

    public record LeaveRequest(ShardGroupId group, ShardMember member) {
        public LeaveRequest {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(member, "member");
        }
    }

    public record GroupRequest(ShardGroupId group) {
        public GroupRequest {
            Objects.requireNonNull(group, "group");
        }
    }

    /** @param state null when nobody registered in the group */
    public record GroupReply(ShardGroupState state) {
    }

    /** Any message of this protocol as JSON. */
    public static String toJson(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new GodwitException(ErrorCode.INTERNAL, "cannot write a shard DDL " + message.getClass().getSimpleName()
                    + " as JSON", e);
        }
    }

    /**
     * A request as the master reads it: strictly.
     *
     * @throws GodwitException CLUSTER_BAD_REQUEST naming the expected request when the body is not one
     */
    public static <T> T readRequest(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the shard DDL request needs a JSON "
                    + type.getSimpleName() + " body");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the body is not a shard DDL "
                    + type.getSimpleName() + ": " + firstLine(e), e);
        }
    }

    /**
     * An answer as a worker reads it: keys it does not know are skipped.
     *
     * @throws GodwitException CLUSTER_BAD_REQUEST naming the expected answer when the body is not one
     */
    public static <T> T readAnswer(String json, Class<T> type) {
        try {
            return LENIENT.forType(type).readValue(json == null ? "" : json);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.CLUSTER_BAD_REQUEST, "the answer is not a shard DDL "
                    + type.getSimpleName() + ": " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
