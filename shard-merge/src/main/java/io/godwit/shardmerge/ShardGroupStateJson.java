package io.godwit.shardmerge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The JSON form of a group's state, as the master's meta store keeps it, and report digests. */
public final class ShardGroupStateJson {
    // unknown keys fail: a state written by a newer version must not be half-read and then overwritten
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ShardGroupStateJson() {}

    public static String toJson(ShardGroupState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new GodwitException(ErrorCode.INTERNAL, "cannot write the shard group state of " + state.group(), e);
        }
    }

    public static ShardGroupState fromJson(String json) {
        try {
            return MAPPER.readValue(json, ShardGroupState.class);
        } catch (JsonProcessingException e) {
            throw new GodwitException(ErrorCode.META_FAILED,
                    "the stored shard group state cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** SHA-256 of the report's JSON: equal reports (a DDL read again after a restart) give equal digests. */
    static String digest(ShardDdlReport report) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    MAPPER.writeValueAsString(report).getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new GodwitException(ErrorCode.INTERNAL, "cannot write a shard DDL report of " + report.member(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
