package io.javeze.local.security;

import io.javeze.local.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The temporary credentials of function instances, as Lambda gets them from STS AssumeRole for the execution role:
 * an {@code ASIA...} access key id, a secret and a session token, whose session is named after the function. A request
 * signed with them is the role's session ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/FUNCTION}) and is held to the
 * role's policies.
 * <p>
 * They are derived (HMAC-SHA256) from a random key that exists only in this process's memory: never written, never
 * logged, and gone when the local cloud stops, together with the instances that held them. Deriving rather than drawing
 * them keeps a function's configuration equal from one invocation to the next, so its warm instances are reused.
 */
public final class RoleSessions {
    private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** What a function instance receives in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Credentials[" + accessKeyId + ", secret and token hidden]";
        }
    }

    /** Who signed: a role's session. */
    public record Session(String roleArn, String sessionName) {
        public String roleName() {
            return roleArn.substring(roleArn.lastIndexOf('/') + 1);
        }

        /** The session's own ARN, the {@code User:} of AWS's AccessDenied messages. */
        public String assumedRoleArn() {
            String partition = roleArn.startsWith("arn:") ? roleArn.split(":")[1] : "aws";
            return "arn:" + partition + ":sts::" + LocalAccount.ID + ":assumed-role/" + roleName() + "/" + sessionName;
        }
    }

    private final byte[] key = new byte[32];
    private final Map<String, Session> byAccessKey = new ConcurrentHashMap<>();

    public RoleSessions() {
        new SecureRandom().nextBytes(key);
    }

    /** The credentials of the role's session named {@code sessionName} (Lambda names it after the function). */
    public Credentials issue(String roleArn, String sessionName) {
        Session session = new Session(roleArn, sessionName);
        byte[] id = hmac("access-key-id\n" + roleArn + "\n" + sessionName);
        StringBuilder accessKeyId = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            accessKeyId.append(KEY_ID_ALPHABET[(id[i] & 0xff) % KEY_ID_ALPHABET.length]);
        }
        String keyId = accessKeyId.toString();
        byAccessKey.put(keyId, session);
        return new Credentials(keyId, secretOf(keyId), tokenOf(keyId));
    }

    /** The session an access key id belongs to, or null for any other key (the user's own). */
    Session session(String accessKeyId) {
        return byAccessKey.get(accessKeyId);
    }

    String secretOf(String accessKeyId) {
        return Base64.getEncoder().encodeToString(hmac("secret\n" + accessKeyId)).substring(0, 40);
    }

    /** Whether a request's session token is the one issued with this access key, compared in constant time. */
    boolean tokenMatches(String accessKeyId, String token) {
        return token != null && MessageDigest.isEqual(tokenOf(accessKeyId).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private String tokenOf(String accessKeyId) {
        return "IQoJb3JpZ2luX2Vj" + Base64.getEncoder().encodeToString(hmac("token\n" + accessKeyId));
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
