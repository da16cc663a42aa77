package io.javeze.cli.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Reads several log groups with FilterLogEvents (the SDK's paginator) poll after poll and returns each event once,
 * interleaved by time. Each poll looks back {@link #LOOKBACK_MILLIS} before the newest event seen, because events
 * can arrive late (CloudWatch ingests with a delay; several instances write one group); events seen before are
 * recognised by log stream, timestamp and message, counted, so that two identical lines in the same millisecond
 * are both printed once. That does not rely on event ids being stable across calls.
 */
public final class LogFollower {
    static final long LOOKBACK_MILLIS = 10_000;

    /**
     * @param logGroup the group to read
     * @param label    what each of its lines is prefixed with (a function's short name)
     * @param streams  which log streams to print (a stage's versions), or every one
     */
    public record Source(String logGroup, String label, Predicate<String> streams) {
        public Source(String logGroup, String label) {
            this(logGroup, label, stream -> true);
        }
    }

    public record Line(String label, String logGroup, String stream, long timestamp, String message) {}

    private final CloudWatchLogsClient logs;
    private final long since;
    private final Map<String, TreeMap<Long, Map<String, Integer>>> seen = new HashMap<>();
    private final Map<String, Long> newest = new HashMap<>();

    /** @param sinceMillis the oldest events to print (epoch milliseconds) */
    public LogFollower(CloudWatchLogsClient logs, long sinceMillis) {
        this.logs = logs;
        this.since = sinceMillis;
    }

    /** The events not returned before, oldest first; a group that does not exist yet has none. */
    public List<Line> poll(List<Source> sources) {
        List<Line> lines = new ArrayList<>();
        for (Source source : sources) {
            lines.addAll(poll(source));
        }
        lines.sort(Comparator.comparingLong(Line::timestamp));
        return lines;
    }

    private List<Line> poll(Source source) {
        String group = source.logGroup();
        long from = newest.containsKey(group) ? Math.max(since, newest.get(group) - LOOKBACK_MILLIS) : since;
        TreeMap<Long, Map<String, Integer>> known = seen.computeIfAbsent(group, g -> new TreeMap<>());
        Map<String, Integer> thisPoll = new HashMap<>();
        List<Line> fresh = new ArrayList<>();
        try {
            for (FilteredLogEvent e : logs.filterLogEventsPaginator(r -> r.logGroupName(group).startTime(from)).events()) {
                if (e.timestamp() < from || !source.streams().test(e.logStreamName())) continue;
                String key = e.logStreamName() + '\0' + e.message();
                String counted = e.timestamp() + "\0" + key;
                int occurrence = thisPoll.merge(counted, 1, Integer::sum);
                Map<String, Integer> atTime = known.computeIfAbsent(e.timestamp(), t -> new HashMap<>());
                if (occurrence > atTime.getOrDefault(key, 0)) {
                    atTime.put(key, occurrence);
                    fresh.add(new Line(source.label(), group, e.logStreamName(), e.timestamp(), e.message().stripTrailing()));
                    newest.merge(group, e.timestamp(), Math::max);
                }
            }
        } catch (ResourceNotFoundException e) {
            return List.of(); // the group appears with the function's first log line
        }
        known.headMap(from).clear(); // never asked for again
        return fresh;
    }
}
