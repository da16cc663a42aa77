package io.javeze.local.security;

import io.javeze.local.security.SignatureProblem.Kind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * AWS Signature Version 4, verified as AWS verifies it: the signature of the {@code Authorization} header or of a
 * presigned URL's query is recomputed from the request's signed headers, date and credential scope with the AWS SDK's
 * own signer and compared in constant time. Clock skew beyond 15 minutes is refused, and so is a presigned URL past
 * its {@code X-Amz-Expires}.
 * <p>
 * The SDK's public {@code AwsV4HttpSigner} cannot verify: it always adds and signs {@code x-amz-content-sha256},
 * which the AWS CLI does not sign for most services. Its {@code DefaultV4RequestSigner} builds the canonical request
 * from exactly the headers given and the payload hash given, which is what verifying needs.
 * The chunk signatures of {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} uploads are not checked; their seed signature is.
 * A function's temporary credentials ({@link RoleSessions}) verify with their own secret only and must carry their
 * session token; any other access key id verifies with the secret {@code test}.
 */
public final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final Supplier<Instant> now;
    private final RoleSessions sessions;

    public SigV4(Supplier<Instant> now, RoleSessions sessions) {
        this.now = now;
        this.sessions = sessions;
    }

    /** What a request claims: who signed it, for which region and service, and over which headers. */
    public record Claim(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                        String signature, String amzDate, Long expiresSeconds) {
        boolean presigned() {
            return expiresSeconds != null;
        }
    }

    /**
     * The claim in the {@code Authorization} header or the presigned query, null when the request carries neither.
     *
     * @param headers lower-case header names to their values
     * @param query   decoded query parameters
     */
    public static Claim claim(Map<String, List<String>> headers, Map<String, List<String>> query) {
        String authorization = first(headers, "authorization");
        if (authorization != null) {
            if (!authorization.startsWith(ALGORITHM + " ")) {
                throw new SignatureProblem(Kind.MALFORMED, "Unsupported Authorization: only " + ALGORITHM + " is accepted");
            }
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
            String amzDate = first(headers, "x-amz-date");
            if (amzDate == null && first(headers, "date") != null) {
                amzDate = fromHttpDate(first(headers, "date"));
            }
            return claim(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"), amzDate, null,
                    "Authorization header");
        }
        if (query.containsKey("X-Amz-Credential") || query.containsKey("X-Amz-Signature")
                || query.containsKey("X-Amz-Algorithm")) {
            if (!ALGORITHM.equals(first(query, "X-Amz-Algorithm"))) {
                throw new SignatureProblem(Kind.MALFORMED, "X-Amz-Algorithm must be " + ALGORITHM);
            }
            String expires = first(query, "X-Amz-Expires");
            long seconds;
            try {
                seconds = expires == null ? -1 : Long.parseLong(expires);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > Duration.ofDays(7).toSeconds()) {
                throw new SignatureProblem(Kind.MALFORMED, "X-Amz-Expires must be a number of seconds between 1 and 604800");
            }
            return claim(first(query, "X-Amz-Credential"), first(query, "X-Amz-SignedHeaders"), first(query, "X-Amz-Signature"),
                    first(query, "X-Amz-Date"), seconds, "presigned query");
        }
        return null;
    }

    /** True for Signature Version 2 (S3's legacy {@code Authorization: AWS ...} or {@code ?AWSAccessKeyId=&Signature=}). */
    public static boolean isSigV2(Map<String, List<String>> headers, Map<String, List<String>> query) {
        String authorization = first(headers, "authorization");
        return authorization != null && authorization.startsWith("AWS ")
                || query.containsKey("AWSAccessKeyId") && query.containsKey("Signature");
    }

    private static Claim claim(String credential, String signedHeaders, String signature, String amzDate, Long expires,
                               String where) {
        if (credential == null || signedHeaders == null || signature == null) {
            throw new SignatureProblem(Kind.MALFORMED, "The " + where + " must carry Credential, SignedHeaders and Signature");
        }
        String[] scope = credential.split("/");
        if (scope.length < 5 || !"aws4_request".equals(scope[scope.length - 1])) {
            throw new SignatureProblem(Kind.MALFORMED, "Credential must be ACCESS_KEY/yyyyMMdd/region/service/aws4_request, got "
                    + String.join("/", Arrays.copyOfRange(scope, Math.min(1, scope.length), scope.length)));
        }
        int n = scope.length;
        String accessKey = String.join("/", Arrays.copyOfRange(scope, 0, n - 4));
        if (amzDate == null) {
            throw new SignatureProblem(Kind.MALFORMED, "The " + where + " needs an X-Amz-Date or a Date");
        }
        List<String> names = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
        if (!names.contains("host")) {
            throw new SignatureProblem(Kind.MALFORMED, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return new Claim(accessKey, scope[n - 4], scope[n - 3], scope[n - 2], names, signature, amzDate, expires);
    }

    /**
     * Verifies a claim against the request it came with, and tells who signed it.
     *
     * @param rawPath the path as sent, percent-encoding intact
     * @param query   decoded query parameters, in order
     * @param headers lower-case header names to their values, as sent
     * @param s3      S3 signs its path once and allows an unsigned or streamed payload
     * @return the role session of a function's temporary credentials, or null for the user's own credentials
     */
    public RoleSessions.Session verify(Claim claim, String method, String rawPath, Map<String, List<String>> query,
                       Map<String, List<String>> headers, byte[] body, boolean s3) {
        Instant signedAt = signingTime(claim);
        Instant current = now.get();
        if (claim.presigned()) {
            if (current.isAfter(signedAt.plusSeconds(claim.expiresSeconds()))) {
                throw new SignatureProblem(Kind.URL_EXPIRED, "Request has expired: X-Amz-Date " + claim.amzDate()
                        + " plus X-Amz-Expires " + claim.expiresSeconds() + " s is before " + AMZ_DATE.format(current));
            }
            if (signedAt.isAfter(current.plus(MAX_SKEW))) {
                throw new SignatureProblem(Kind.SKEWED, "Request is not valid yet: X-Amz-Date " + claim.amzDate()
                        + " is more than 15 minutes after " + AMZ_DATE.format(current));
            }
        } else if (Duration.between(signedAt, current).abs().compareTo(MAX_SKEW) > 0) {
            throw new SignatureProblem(Kind.SKEWED, "Signature expired: " + claim.amzDate() + " is more than 15 minutes away from "
                    + AMZ_DATE.format(current) + " (the difference between the request time and the current time is too large)");
        }
        if (!claim.date().equals(claim.amzDate().substring(0, 8))) {
            throw new SignatureProblem(Kind.MISMATCH, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                    + "date from HTTP: '" + claim.date() + "' != '" + claim.amzDate().substring(0, 8) + "'");
        }
        String payloadHash = payloadHash(claim, headers, body, s3);
        SdkHttpRequest.Builder request = canonicalInput(claim, method, rawPath, query, headers);
        CredentialScope scope = new CredentialScope(claim.region(), claim.service(), signedAt);
        byte[] given = claim.signature().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        RoleSessions.Session session = sessions.session(claim.accessKeyId());
        if (session != null && !sessions.tokenMatches(claim.accessKeyId(), token(headers, query))) {
            throw new SignatureProblem(Kind.MISMATCH, "The security token included in the request is invalid.");
        }
        String secret = session != null ? sessions.secretOf(claim.accessKeyId()) : LocalCredentials.SECRET_KEY;
        V4Properties properties = V4Properties.builder()
                .credentials(AwsCredentialsIdentity.create(claim.accessKeyId(), secret))
                .credentialScope(scope)
                .signingClock(java.time.Clock.fixed(signedAt, ZoneOffset.UTC))
                .doubleUrlEncode(!s3)
                .normalizePath(!s3)
                .build();
        String expected = new DefaultV4RequestSigner(properties, payloadHash).sign(request).getSignature();
        if (MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII), given)) {
            return session;
        }
        throw new SignatureProblem(Kind.MISMATCH, "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method (the local cloud's secret is \"" + LocalCredentials.SECRET_KEY + "\").");
    }

    /** The session token of temporary credentials: a header, or a presigned URL's query parameter. */
    private static String token(Map<String, List<String>> headers, Map<String, List<String>> query) {
        String header = first(headers, "x-amz-security-token");
        return header != null ? header : first(query, "X-Amz-Security-Token");
    }

    /** The request as the signer saw it: the signed headers only, the query without the signature itself. */
    private static SdkHttpRequest.Builder canonicalInput(Claim claim, String method, String rawPath,
                                                         Map<String, List<String>> query, Map<String, List<String>> headers) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol("http")
                .host("localhost") // only the signed Host header counts; this just makes a valid URI
                .encodedPath(rawPath.isEmpty() ? "/" : rawPath);
        query.forEach((name, values) -> {
            if (!(claim.presigned() && name.equals("X-Amz-Signature"))) {
                b.putRawQueryParameter(name, new ArrayList<>(values));
            }
        });
        for (String name : claim.signedHeaders()) {
            List<String> values = headers.get(name);
            b.putHeader(name, values == null ? List.of("") : values);
        }
        return b;
    }

    private static String payloadHash(Claim claim, Map<String, List<String>> headers, byte[] body, boolean s3) {
        String declared = first(headers, "x-amz-content-sha256");
        if (claim.presigned()) {
            return s3 ? (declared != null ? declared : UNSIGNED_PAYLOAD) : sha256Hex(body);
        }
        if (declared == null) {
            return sha256Hex(body);
        }
        if (declared.length() == 64 && declared.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            String actual = sha256Hex(body);
            if (!actual.equalsIgnoreCase(declared)) {
                throw new SignatureProblem(Kind.CONTENT_HASH_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            return declared;
        }
        if (s3 && (declared.equals(UNSIGNED_PAYLOAD) || declared.startsWith("STREAMING-"))) {
            return declared;
        }
        return sha256Hex(body);
    }

    private static Instant signingTime(Claim claim) {
        try {
            return Instant.from(AMZ_DATE.parse(claim.amzDate()));
        } catch (DateTimeParseException e) {
            throw new SignatureProblem(Kind.MALFORMED, "X-Amz-Date must be yyyyMMdd'T'HHmmss'Z', got " + claim.amzDate());
        }
    }

    private static String fromHttpDate(String date) {
        try {
            return AMZ_DATE.format(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date, Instant::from));
        } catch (DateTimeParseException e) {
            throw new SignatureProblem(Kind.MALFORMED, "Date must be an RFC 1123 date, got " + date);
        }
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String first(Map<String, List<String>> map, String name) {
        List<String> values = map.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
