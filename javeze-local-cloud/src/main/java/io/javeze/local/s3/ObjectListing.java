package io.javeze.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One page of ListObjects / ListObjectsV2 as S3 computes it: keys in lexicographic order after a marker, filtered by
 * prefix, with keys that contain the delimiter after the prefix rolled up into common prefixes. A common prefix
 * counts as one entry towards MaxKeys, and a marker equal to a common prefix skips every key under it, so paging
 * never repeats one.
 *
 * @param keys           the keys of this page (Contents)
 * @param commonPrefixes the common prefixes of this page
 * @param truncated      whether more entries follow
 * @param last           the last key or common prefix of this page: where the next page starts
 */
record ObjectListing(List<String> keys, List<String> commonPrefixes, boolean truncated, String last) {
    static final int MAX_KEYS = 1000;

    /** @param marker exclusive start (StartAfter, Marker or the decoded continuation token); "" for none */
    static ObjectListing page(NavigableSet<String> sortedKeys, String prefix, String delimiter, String marker,
                                     int maxKeys) {
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (maxKeys == 0) {
            return new ObjectListing(keys, prefixes, false, null);
        }
        String last = null;
        boolean rollUp = delimiter != null && !delimiter.isEmpty();
        for (String key : sortedKeys.tailSet(marker.compareTo(prefix) > 0 ? marker : prefix, true)) {
            if (!key.startsWith(prefix)) {
                break; // keys sharing a prefix are contiguous: no later key has it
            }
            if (key.compareTo(marker) <= 0 && !marker.isEmpty()) {
                continue;
            }
            String common = null;
            if (rollUp) {
                int at = key.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    common = key.substring(0, at + delimiter.length());
                }
            }
            if (common != null && (common.equals(last) || (!marker.isEmpty() && common.compareTo(marker) <= 0))) {
                continue; // rolled into a common prefix already listed, on this page or an earlier one
            }
            if (keys.size() + prefixes.size() == maxKeys) {
                return new ObjectListing(keys, prefixes, true, last);
            }
            if (common != null) {
                prefixes.add(common);
                last = common;
            } else {
                keys.add(key);
                last = key;
            }
        }
        return new ObjectListing(keys, prefixes, false, last);
    }

    /**
     * ListObjects (v1: Marker, NextMarker) and ListObjectsV2 (ContinuationToken, StartAfter, KeyCount), with Prefix,
     * Delimiter and CommonPrefixes, MaxKeys paging and {@code encoding-type=url} (which the AWS CLI always sends).
     *
     * @param in      the operation's input
     * @param objects the bucket's objects by key, sorted
     */
    static ObjectNode output(ObjectNode in, NavigableMap<String, StoredObject> objects, boolean v2) {
        String prefix = Objects.requireNonNullElse(in.path("Prefix").textValue(), "");
        String delimiter = in.path("Delimiter").textValue();
        String encoding = in.path("EncodingType").textValue();
        if (encoding != null && !encoding.equals("url")) {
            throw new AwsException(400, "InvalidArgument", "Invalid Encoding Method specified in Request: encoding-type=" + encoding);
        }
        UnaryOperator<String> enc = encoding == null ? UnaryOperator.identity() : ObjectListing::urlEncode;
        int maxKeys = maxKeys(in.get("MaxKeys"));
        String token = v2 ? in.path("ContinuationToken").textValue() : null;
        String startAfter = in.path(v2 ? "StartAfter" : "Marker").textValue();
        String marker = token != null ? markerOf(token) : Objects.requireNonNullElse(startAfter, "");
        ObjectListing page = page(objects.navigableKeySet(), prefix, delimiter, marker, maxKeys);

        ObjectNode out = Json.object().put("Name", in.path("Bucket").asText()).put("Prefix", enc.apply(prefix));
        if (v2) {
            if (token != null) {
                out.put("ContinuationToken", token);
            }
            if (startAfter != null) {
                out.put("StartAfter", enc.apply(startAfter));
            }
            out.put("KeyCount", page.keys().size() + page.commonPrefixes().size());
        } else {
            out.put("Marker", enc.apply(Objects.requireNonNullElse(startAfter, "")));
        }
        out.put("MaxKeys", maxKeys);
        if (delimiter != null) {
            out.put("Delimiter", enc.apply(delimiter));
        }
        if (encoding != null) {
            out.put("EncodingType", encoding);
        }
        out.put("IsTruncated", page.truncated());
        if (page.truncated() && v2) {
            out.put("NextContinuationToken", token(page.last()));
        } else if (page.truncated() && delimiter != null) {
            out.put("NextMarker", enc.apply(page.last())); // v1 names it only with a delimiter; else the last key
        }
        ArrayNode contents = out.putArray("Contents");
        for (String k : page.keys()) {
            StoredObject o = objects.get(k);
            ObjectNode item = contents.addObject().put("Key", enc.apply(k));
            item.set("LastModified", S3Provider.time(o.modified()));
            item.put("ETag", o.etag()).put("Size", o.size()).put("StorageClass", "STANDARD");
        }
        ArrayNode prefixes = out.putArray("CommonPrefixes");
        page.commonPrefixes().forEach(p -> prefixes.addObject().put("Prefix", enc.apply(p)));
        return out;
    }

    /** S3's {@code encoding-type=url}: form encoding, which botocore and the SDKs decode; slashes left readable. */
    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /** MaxKeys: S3's default and ceiling is 1000; a negative value is refused. */
    static int maxKeys(JsonNode value) {
        if (value == null) {
            return MAX_KEYS;
        }
        if (value.asInt() < 0) {
            throw new AwsException(400, "InvalidArgument", "max-keys: " + value.asText() + " is not a non-negative integer");
        }
        return Math.min(value.asInt(), MAX_KEYS);
    }

    /** The opaque NextContinuationToken that resumes after {@code last}. */
    static String token(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + last).getBytes(StandardCharsets.UTF_8));
    }

    /** The marker a ContinuationToken stands for; a token this cloud did not issue is InvalidArgument, as on S3. */
    static String markerOf(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException ignored) {
            // refused below
        }
        throw new AwsException(400, "InvalidArgument", "The continuation token provided is incorrect");
    }
}
