package io.javeze.local.security;

import io.javeze.local.http.AwsException;
import io.javeze.local.http.Protocol;

/** Why a request's SigV4 authentication was refused, told in each protocol's own error code. */
public final class SignatureProblem extends RuntimeException {
    /** The kinds of refusal AWS distinguishes. */
    public enum Kind { MISSING, MALFORMED, MISMATCH, SKEWED, URL_EXPIRED, CONTENT_HASH_MISMATCH }

    private final Kind kind;

    SignatureProblem(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** A request with neither an Authorization header nor a presigned query. */
    public static SignatureProblem missing() {
        return new SignatureProblem(Kind.MISSING, "Missing Authentication Token");
    }

    public Kind kind() {
        return kind;
    }

    /** The error AWS answers: S3's codes for REST-XML, the Query codes for IAM/STS/SNS/SQS, the JSON codes otherwise. */
    public AwsException toAws(Protocol protocol) {
        boolean xml = protocol == Protocol.REST_XML;
        boolean query = protocol == Protocol.QUERY;
        String message = getMessage();
        return switch (kind) {
            case MISSING -> new AwsException(403, xml ? "AccessDenied" : query ? "MissingAuthenticationToken"
                    : "MissingAuthenticationTokenException", message);
            case MALFORMED -> new AwsException(400, xml ? "AuthorizationHeaderMalformed" : query ? "IncompleteSignature"
                    : "IncompleteSignatureException", message);
            case MISMATCH -> new AwsException(403, xml || query ? "SignatureDoesNotMatch" : "InvalidSignatureException", message);
            case SKEWED -> new AwsException(403, xml ? "RequestTimeTooSkewed" : query ? "SignatureDoesNotMatch"
                    : "InvalidSignatureException", message);
            case URL_EXPIRED -> new AwsException(403, xml ? "AccessDenied" : query ? "SignatureDoesNotMatch"
                    : "InvalidSignatureException", message);
            case CONTENT_HASH_MISMATCH -> new AwsException(400, xml ? "XAmzContentSHA256Mismatch"
                    : query ? "SignatureDoesNotMatch" : "InvalidSignatureException", message);
        };
    }
}
