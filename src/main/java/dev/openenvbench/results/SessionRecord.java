package dev.openenvbench.results;

/**
 * One line of {@code raw.jsonl}: what happened to one session. Latencies and offsets are in
 * seconds; a {@code null} latency means the session never reached that phase. Field meanings are in
 * docs/formats.md; the JSON names are in {@link RawFields}.
 *
 * @param stepLatency mean step round trip over the completed steps (the step itself when K=1)
 * @param startOffset seconds from the cell's start to this session's first action
 * @param stepStartOffset seconds from the cell's start to the first step being sent
 * @param stepEndOffset seconds from the cell's start to the last step reply
 */
public record SessionRecord(
    int requestId,
    String mode,
    String timestamp,
    double waitRequested,
    int batchSize,
    String hardware,
    Double connectLatency,
    Double resetLatency,
    Double stepLatency,
    Double totalLatency,
    Double waitedSeconds,
    Long pid,
    String sessionHash,
    String hostUrl,
    boolean success,
    String errorType,
    String errorMessage,
    int repetition,
    String url,
    int steps,
    int stepsCompleted,
    Double tcpConnectLatency,
    Double wsUpgradeLatency,
    Double closeLatency,
    Double stepOverhead,
    Double stepLatencyMax,
    String errorCode,
    Integer activeSessions,
    Integer maxSessions,
    String remoteAddress,
    double startOffset,
    Double stepStartOffset,
    Double stepEndOffset) {}
