package io.javeze.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * CloudWatch Logs' state and the one place it is locked and persisted: groups ({@code logs-groups}), streams
 * ({@code logs-streams}) and events ({@code logs-events}), one journaled record each. Each group has its own lock, so
 * different functions' output (different groups) is written in parallel; reads of a group take its lock too, so they
 * see whole batches.
 */
public final class LogsStore {
    static final String GROUPS = "logs-groups";
    static final String STREAMS = "logs-streams";
    static final String EVENTS = "logs-events";
    private static final String LEGACY_DOCUMENT = "logs";
    static final int MAX_EVENTS_PER_STREAM = 10_000;

    /** Told each time an operation holds a group's lock: the seam tests use to hold one. */
    interface LockObserver {
        void locked(String group);
    }

    /** A group's record, streams and events; all but {@code group} (read without locking) only under {@code lock}. */
    private static final class GroupState {
        final ReentrantLock lock = new ReentrantLock();
        volatile LogGroup group;
        final Map<String, LogStream> streams = new TreeMap<>();
        final Map<String, Deque<LogEvent>> events = new HashMap<>();
        boolean deleted;

        GroupState(LogGroup group) {
            this.group = group;
        }
    }

    private final StateStore state;
    private final LongSupplier clock;
    private final Table groupTable;
    private final Table streamTable;
    private final Table eventTable;
    private final ConcurrentHashMap<String, GroupState> groups = new ConcurrentHashMap<>();
    private volatile LockObserver observer = group -> { };

    public LogsStore(StateStore state) {
        this(state, System::currentTimeMillis);
    }

    LogsStore(StateStore state, LongSupplier clock) {
        this.state = state;
        this.clock = clock;
        this.groupTable = state.table(GROUPS);
        this.streamTable = state.table(STREAMS);
        this.eventTable = state.table(EVENTS);
        migrateDocument();
        groupTable.records().forEach((name, record) -> groups.put(name, new GroupState(LogGroup.fromJson(name, record))));
        streamTable.records().forEach((key, record) -> {
            String[] parts = key.split("\n", 2);
            GroupState g = groups.get(parts[0]);
            if (g == null) {
                streamTable.remove(key);
            } else {
                g.streams.put(parts[1], LogStream.fromJson(parts[1], record));
            }
        });
        eventTable.records().forEach((key, record) -> {
            String[] parts = key.split("\n", 3);
            GroupState g = groups.get(parts[0]);
            if (g == null || !g.streams.containsKey(parts[1])) {
                eventTable.remove(key);
            } else {
                g.events.computeIfAbsent(parts[1], s -> new ArrayDeque<>())
                        .add(LogEvent.fromJson(Long.parseLong(parts[2]), record));
            }
        });
        groups.forEach((name, g) -> g.events.forEach((stream, events) -> {
            List<LogEvent> sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparingLong(LogEvent::sequence));
            events.clear();
            events.addAll(sorted);
            LogStream before = g.streams.get(stream);
            LogStream after = before;
            for (LogEvent e : sorted) {
                after = after.with(e); // a stream migrated from the document learns its figures from its events
            }
            if (!after.equals(before)) {
                g.streams.put(stream, after);
                streamTable.put(streamKey(name, stream), after.toJson());
            }
        }));
    }

    /**
     * Before this store, groups and streams were one state document ({@code logs}, {@code groups/NAME} with its
     * {@code streams}), and before the journal, events were inside it too. Moves them to the tables, once.
     */
    private void migrateDocument() {
        JsonNode legacy = state.load(LEGACY_DOCUMENT).path("groups");
        if (legacy.size() == 0) {
            return;
        }
        Map<String, JsonNode> current = groupTable.records();
        Map<String, Long> lastSequence = new HashMap<>();
        eventTable.records().keySet().forEach(key -> {
            int cut = key.lastIndexOf('\n');
            lastSequence.merge(key.substring(0, cut), Long.parseLong(key.substring(cut + 1)), Math::max);
        });
        legacy.fields().forEachRemaining(g -> {
            if (current.containsKey(g.getKey())) {
                return;
            }
            groupTable.put(g.getKey(), LogGroup.fromJson(g.getKey(), g.getValue()).toJson());
            g.getValue().path("streams").fields().forEachRemaining(s -> {
                String streamKey = streamKey(g.getKey(), s.getKey());
                streamTable.put(streamKey, LogStream.created(s.getKey(), s.getValue().path("creationTime").asLong()).toJson());
                long sequence = lastSequence.getOrDefault(streamKey, 0L);
                for (JsonNode e : s.getValue().path("events")) {
                    long ingested = e.path("ingestionTime").asLong(clock.getAsLong());
                    LogEvent event = new LogEvent(++sequence, e.path("timestamp").asLong(), e.path("message").asText(), ingested);
                    eventTable.put(LogEvent.key(g.getKey(), s.getKey(), event.sequence()), event.toJson());
                }
            });
        });
        state.save(LEGACY_DOCUMENT, Json.object().set("groups", Json.object()));
    }

    void observeLocks(LockObserver observer) {
        this.observer = observer;
    }

    /** Whether an operation waits for this group's lock. */
    boolean waitingFor(String group) {
        GroupState g = groups.get(group);
        return g != null && g.lock.hasQueuedThreads();
    }

    // ---- groups

    public boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    /** The group; ResourceNotFound when there is none. */
    public LogGroup group(String name) {
        GroupState g = groups.get(name);
        if (g == null) {
            throw noGroup();
        }
        return g.group;
    }

    /** The groups whose names start with {@code prefix}, by name. */
    public List<LogGroup> groups(String prefix) {
        return groups.values().stream().map(g -> g.group).filter(g -> g.name().startsWith(prefix))
                .sorted(Comparator.comparing(LogGroup::name)).toList();
    }

    /** Creates the group; ResourceAlreadyExists when there is one with its name. */
    public void createGroup(String name, Map<String, String> tags) {
        groups.compute(name, (n, current) -> {
            if (current != null) {
                throw new AwsException(400, "ResourceAlreadyExistsException", "The specified log group already exists");
            }
            return newGroup(name, tags);
        });
    }

    private GroupState newGroup(String name, Map<String, String> tags) {
        LogGroup group = new LogGroup(name, clock.getAsLong(), null, tags);
        groupTable.put(name, group.toJson());
        return new GroupState(group);
    }

    /** Changes the group's record (its retention); ResourceNotFound when there is none. */
    public void updateGroup(String name, UnaryOperator<LogGroup> change) {
        locked(name, g -> {
            LogGroup next = change.apply(g.group);
            groupTable.put(name, next.toJson());
            g.group = next;
            return next;
        });
    }

    /** Deletes the group with its streams and events. */
    public void deleteGroup(String name) {
        locked(name, g -> {
            g.deleted = true;
            g.events.forEach((stream, events) -> events.forEach(e -> eventTable.remove(LogEvent.key(name, stream, e.sequence()))));
            g.streams.keySet().forEach(stream -> streamTable.remove(streamKey(name, stream)));
            groupTable.remove(name);
            groups.remove(name, g); // last: a group of this name made from now on (function output) keeps its records
            return null;
        });
    }

    // ---- streams and events

    public void createStream(String group, String stream) {
        locked(group, g -> {
            if (g.streams.containsKey(stream)) {
                throw new AwsException(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
            }
            return putStream(g, LogStream.created(stream, clock.getAsLong()));
        });
    }

    /** The group's streams, by name. */
    public List<LogStream> streams(String group) {
        return locked(group, g -> new ArrayList<>(g.streams.values()));
    }

    /** A message and its timestamp, as PutLogEvents sends it. */
    public record InputEvent(long timestamp, String message) {}

    /** Adds the events to an existing stream, in order; returns the stream after them. */
    public LogStream put(String group, String stream, List<InputEvent> events) {
        return locked(group, g -> {
            if (!g.streams.containsKey(stream)) {
                throw noStream();
            }
            return add(g, stream, events);
        });
    }

    /** Adds an event written by the local cloud itself (function output, access logs), creating its group and stream. */
    public void append(String group, String stream, long timestamp, String message) {
        while (true) {
            GroupState g = groups.computeIfAbsent(group, name -> newGroup(name, Map.of()));
            g.lock.lock();
            try {
                observer.locked(group);
                if (g.deleted) {
                    continue; // deleted meanwhile: the next write makes it again, as Lambda's does on AWS
                }
                if (!g.streams.containsKey(stream)) {
                    putStream(g, LogStream.created(stream, clock.getAsLong()));
                }
                add(g, stream, List.of(new InputEvent(timestamp, message)));
                return;
            } finally {
                g.lock.unlock();
            }
        }
    }

    /**
     * The events of the group's streams whose names {@code streams} accepts, by stream name, oldest first per stream,
     * without those the group's retention has expired.
     */
    public Map<String, List<LogEvent>> events(String group, Predicate<String> streams) {
        return locked(group, g -> {
            long keep = g.group.keepsFrom(clock.getAsLong());
            Map<String, List<LogEvent>> found = new LinkedHashMap<>();
            g.streams.keySet().stream().filter(streams).forEach(stream -> found.put(stream,
                    g.events.getOrDefault(stream, new ArrayDeque<>()).stream().filter(e -> e.timestamp() >= keep).toList()));
            return found;
        });
    }

    /** One stream's events, oldest first; ResourceNotFound when there is no such stream. */
    public List<LogEvent> events(String group, String stream) {
        return locked(group, g -> {
            if (!g.streams.containsKey(stream)) {
                throw noStream();
            }
            long keep = g.group.keepsFrom(clock.getAsLong());
            return g.events.getOrDefault(stream, new ArrayDeque<>()).stream().filter(e -> e.timestamp() >= keep).toList();
        });
    }

    private LogStream add(GroupState g, String stream, List<InputEvent> in) {
        String group = g.group.name();
        LogStream s = g.streams.get(stream);
        Deque<LogEvent> events = g.events.computeIfAbsent(stream, name -> new ArrayDeque<>());
        long now = clock.getAsLong();
        for (InputEvent i : in) {
            LogEvent e = new LogEvent(s.nextSequence(), i.timestamp(), i.message(), now);
            events.addLast(e);
            eventTable.put(LogEvent.key(group, stream, e.sequence()), e.toJson());
            s = s.with(e);
        }
        long keep = g.group.keepsFrom(now);
        while (!events.isEmpty() && (events.size() > MAX_EVENTS_PER_STREAM || events.peekFirst().timestamp() < keep)) {
            eventTable.remove(LogEvent.key(group, stream, events.removeFirst().sequence()));
        }
        return in.isEmpty() ? s : putStream(g, s);
    }

    private LogStream putStream(GroupState g, LogStream stream) {
        g.streams.put(stream.name(), stream);
        streamTable.put(streamKey(g.group.name(), stream.name()), stream.toJson());
        return stream;
    }

    /** Runs {@code action} holding the group's lock; ResourceNotFound when there is no such group. */
    private <T> T locked(String group, Function<GroupState, T> action) {
        GroupState g = groups.get(group);
        if (g == null) {
            throw noGroup();
        }
        g.lock.lock();
        try {
            observer.locked(group);
            if (g.deleted) {
                throw noGroup();
            }
            return action.apply(g);
        } finally {
            g.lock.unlock();
        }
    }

    private static String streamKey(String group, String stream) {
        return group + "\n" + stream;
    }

    private static AwsException noGroup() {
        return new AwsException(400, "ResourceNotFoundException", "The specified log group does not exist.");
    }

    private static AwsException noStream() {
        return new AwsException(400, "ResourceNotFoundException", "The specified log stream does not exist.");
    }
}
