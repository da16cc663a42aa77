package io.javeze.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeException;
import io.javeze.local.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local cloud's durable state, and the one place that persists it.
 *
 * <p>State is a set of named {@link Table}s of keyed JSON records. Every change to a record is one line appended to
 * the {@link Journal} under {@code state/}; the request that made it is answered only after
 * {@link #awaitDurable()} (called by the HTTP layer for every API request) has seen the line fsynced, so a
 * {@code kill -9} at any moment loses no acknowledged change. Concurrent requests share fsyncs (group commit). When the
 * journal grows past {@link #COMPACT_BYTES}, a background thread writes every table to {@code state/snapshot.json}
 * (atomically, 0600) and drops the journal segments it covers; start-up reads the snapshot and replays the newer
 * segments, ignoring a line torn by a crash.
 *
 * <p>Each service's store keeps typed records in tables of its own ({@link Table}, or {@link RecordTable} for per-key
 * locked records), one record per resource, message or event. {@link #load}/{@link #save} remain only to read and
 * empty the single state document per service that clouds before the typed stores wrote (each store migrates its own
 * on first start).
 *
 * <p>Content-addressed blobs (code zips, layer zips, S3 objects) live apart under {@code blobs/}, each written
 * atomically before any record names it.
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StateStore.class.getName());
    /** Journal bytes after which the background thread writes a snapshot and drops the covered segments. */
    static final long COMPACT_BYTES = 8L << 20;
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{8})\\.log");
    private static final String SNAPSHOT = "snapshot.json";
    private static final String DOCUMENT_PREFIX = "doc:";

    private final Path root;
    private final Path stateDir;
    private final Map<String, Map<String, JsonNode>> tables = new LinkedHashMap<>();
    private final ThreadLocal<long[]> lastAppended = ThreadLocal.withInitial(() -> new long[1]);
    private int nextSegment;
    private Journal journal;
    private ScheduledExecutorService background;
    private boolean compactionQueued;

    /** Reads the snapshot and replays the journal; writes nothing until the first change. */
    public StateStore(Path root) {
        this.root = root;
        this.stateDir = root.resolve("state");
        recover();
    }

    public Path root() {
        return root;
    }

    // ---- recovery

    private void recover() {
        Path snapshot = stateDir.resolve(SNAPSHOT);
        if (Files.exists(snapshot)) {
            try {
                JsonNode s = Json.MAPPER.readTree(snapshot.toFile());
                nextSegment = s.path("nextSegment").asInt();
                s.path("tables").fields().forEachRemaining(t -> {
                    Map<String, JsonNode> records = map(t.getKey());
                    t.getValue().fields().forEachRemaining(r -> records.put(r.getKey(), r.getValue()));
                });
            } catch (IOException e) {
                throw new JavezeException(snapshot + ": local cloud state is unreadable: " + e.getMessage(), e);
            }
        }
        for (int n : segments()) {
            if (n >= nextSegment) {
                replay(stateDir.resolve(Journal.segmentName(n)));
            }
        }
    }

    private List<Integer> segments() {
        List<Integer> found = new ArrayList<>();
        if (!Files.isDirectory(stateDir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(stateDir)) {
            files.forEach(f -> {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new JavezeException(stateDir + ": cannot list the local cloud's journal: " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }

    private void replay(Path segment) {
        try (BufferedReader in = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode entry;
                try {
                    entry = Json.MAPPER.readTree(line);
                } catch (IOException torn) {
                    LOG.fine(segment + ": ignoring a line torn by a crash");
                    return; // only the tail of a segment can be torn: nothing after it was acknowledged
                }
                if (entry == null || !entry.path("t").isTextual()) {
                    return;
                }
                Map<String, JsonNode> records = map(entry.get("t").asText());
                if (entry.path("d").asBoolean()) {
                    records.remove(entry.path("k").asText());
                } else {
                    records.put(entry.path("k").asText(), entry.get("v"));
                }
            }
        } catch (NoSuchFileException compactedMeanwhile) {
            // a running cloud's compaction covered it; only a read-only reader (javeze local status) can see this
        } catch (IOException e) {
            throw new JavezeException(segment + ": local cloud journal is unreadable: " + e.getMessage(), e);
        }
    }

    private Map<String, JsonNode> map(String name) {
        return tables.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }

    // ---- tables

    /** A named table of records; the records it holds now (recovered ones at start-up) are in {@link Table#records()}. */
    public Table table(String name) {
        return new Table(this, name);
    }

    synchronized Map<String, JsonNode> records(String table) {
        return new LinkedHashMap<>(map(table));
    }

    /** Records a change; {@code value == null} removes the record. Values must not be changed afterwards. */
    synchronized void write(String table, String key, JsonNode value) {
        Map<String, JsonNode> records = map(table);
        ObjectNode entry = Json.object().put("t", table).put("k", key);
        if (value == null) {
            if (records.remove(key) == null) {
                return;
            }
            entry.put("d", true);
        } else {
            records.put(key, value);
            entry.set("v", value);
        }
        lastAppended.get()[0] = journal().append(Json.bytes(entry));
        if (!compactionQueued && journal.segmentBytes() > COMPACT_BYTES) {
            compactionQueued = true;
            background.execute(this::compactQuietly);
        }
    }

    private Journal journal() {
        if (journal == null) {
            List<Integer> existing = segments();
            int first = Math.max(nextSegment, existing.isEmpty() ? 0 : existing.get(existing.size() - 1) + 1);
            journal = new Journal(stateDir, first);
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "javeze-journal");
                t.setDaemon(true);
                return t;
            });
            Journal j = journal;
            // changes no request waits for (function output, an event source's receives) reach the disk within 50 ms
            background.scheduleWithFixedDelay(() -> {
                try {
                    j.awaitDurable(j.appended());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "local cloud journal: " + e.getMessage(), e);
                }
            }, 50, 50, TimeUnit.MILLISECONDS);
        }
        return journal;
    }

    /** Blocks until every change this thread made is on disk. The HTTP layer calls it before answering. */
    public void awaitDurable() {
        long[] last = lastAppended.get();
        if (last[0] == 0) {
            return;
        }
        Journal j;
        synchronized (this) {
            j = journal;
        }
        j.awaitDurable(last[0]);
        last[0] = 0;
    }

    // ---- documents

    /** A service's state document (an empty object at first). The caller owns it and saves it after changing it. */
    public ObjectNode load(String document) {
        Map<String, JsonNode> records = records(DOCUMENT_PREFIX + document);
        if (records.isEmpty()) {
            return legacy(document);
        }
        ObjectNode doc = Json.object();
        records.forEach((key, value) -> {
            int slash = key.indexOf('/');
            if (slash < 0) {
                doc.set(key, value.deepCopy());
            } else {
                String field = key.substring(0, slash);
                JsonNode parent = doc.get(field);
                (parent instanceof ObjectNode o ? o : doc.putObject(field)).set(key.substring(slash + 1), value.deepCopy());
            }
        });
        return doc;
    }

    /** A data directory from before the journal: one file per service, migrated by the first save. */
    private ObjectNode legacy(String document) {
        Path file = stateDir.resolve(document + ".json");
        if (!Files.exists(file)) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return node instanceof ObjectNode o ? o : Json.object();
        } catch (IOException e) {
            throw new JavezeException(file + ": local cloud state is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Journals what changed in a document since its last save: each entry of a top-level object is one record (the
     * object itself a marker record {@code {}}), any other top-level field one record. The caller holds the lock under
     * which it changes the document.
     */
    public synchronized void save(String document, JsonNode doc) {
        String name = DOCUMENT_PREFIX + document;
        Map<String, JsonNode> current = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            var field = it.next();
            if (field.getValue() instanceof ObjectNode o) {
                current.put(field.getKey(), Json.object());
                o.fields().forEachRemaining(e -> current.put(field.getKey() + "/" + e.getKey(), e.getValue()));
            } else {
                current.put(field.getKey(), field.getValue());
            }
        }
        Map<String, JsonNode> saved = map(name);
        for (String gone : new ArrayList<>(saved.keySet())) {
            if (!current.containsKey(gone)) {
                write(name, gone, null);
            }
        }
        current.forEach((key, value) -> {
            if (!value.equals(saved.get(key))) {
                write(name, key, value.deepCopy());
            }
        });
    }

    // ---- compaction

    private void compactQuietly() {
        try {
            compact();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "local cloud journal compaction failed (the journal keeps growing, nothing is lost): "
                    + e.getMessage(), e);
        }
    }

    /** Writes every table to the snapshot and drops the journal segments it covers. */
    void compact() {
        int covered;
        Map<String, Map<String, JsonNode>> copy = new LinkedHashMap<>();
        synchronized (this) {
            compactionQueued = false;
            if (journal == null) {
                return;
            }
            covered = journal.rotate(); // appends wait meanwhile, so the copy below is exactly segments < covered
            tables.forEach((name, records) -> copy.put(name, new LinkedHashMap<>(records))); // records are immutable
        }
        ObjectNode snapshot = Json.object().put("format", 1).put("nextSegment", covered);
        ObjectNode out = snapshot.putObject("tables");
        copy.forEach((name, records) -> {
            ObjectNode t = out.putObject(name);
            records.forEach(t::set);
        });
        try {
            AtomicFiles.write(stateDir.resolve(SNAPSHOT), Json.MAPPER.writeValueAsBytes(snapshot));
            for (int n : segments()) {
                if (n < covered) {
                    Files.deleteIfExists(stateDir.resolve(Journal.segmentName(n)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything durable and leaves a snapshot, so the next start replays nothing. */
    @Override
    public void close() {
        ScheduledExecutorService bg;
        synchronized (this) {
            bg = background;
        }
        if (bg == null) {
            return;
        }
        bg.shutdownNow();
        try {
            bg.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        compact();
        synchronized (this) {
            journal.close();
        }
    }

    // ---- blobs

    /** Stores bytes by their SHA-256; returns the hex digest. */
    public String putBlob(byte[] data) {
        String hex = HexFormat.of().formatHex(sha256(data));
        Path file = blob(hex);
        if (!Files.exists(file)) {
            try {
                PrivateFiles.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            AtomicFiles.write(file, data);
        }
        return hex;
    }

    /**
     * Moves a complete, synced file into the blob store under its SHA-256 (computed by the caller while writing it);
     * the file must be on the data directory's file system. Returns the hex digest.
     */
    public String putBlob(Path file, String sha256Hex) {
        Path target = blob(sha256Hex);
        try {
            if (Files.exists(target)) {
                Files.delete(file);
            } else {
                PrivateFiles.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sha256Hex;
    }

    public Path blob(String hex) {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a blob id: " + hex);
        }
        return root.resolve("blobs").resolve(hex.substring(0, 2)).resolve(hex);
    }

    public byte[] readBlob(String hex) {
        try {
            return Files.readAllBytes(blob(hex));
        } catch (IOException e) {
            throw new IllegalStateException("blob " + hex + " is missing from " + root, e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
