package io.javeze.local.s3;

import io.javeze.local.http.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NavigableSet;

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
public record ObjectListing(List<String> keys, List<String> commonPrefixes, boolean truncated, String last) {
    public static final int MAX_KEYS = 1000;

    /** @param marker exclusive start (StartAfter, Marker or the decoded continuation token); "" for none */
    public static ObjectListing page(NavigableSet<String> sortedKeys, String prefix, String delimiter, String marker,
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

    /** MaxKeys from the query: S3's default and ceiling is 1000; a negative or non-numeric value is refused. */
    public static int maxKeys(String value) {
        if (value == null) {
            return MAX_KEYS;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return Math.min(n, MAX_KEYS);
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new AwsException(400, "InvalidArgument", "max-keys: " + value + " is not a non-negative integer");
    }

    /** The opaque NextContinuationToken that resumes after {@code last}. */
    public static String token(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + last).getBytes(StandardCharsets.UTF_8));
    }

    /** The marker a ContinuationToken stands for; a token this cloud did not issue is InvalidArgument, as on S3. */
    public static String markerOf(String token) {
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
