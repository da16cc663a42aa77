package io.javeze.function;

import io.javeze.lambda.CodeStore;
import io.javeze.lambda.PackageCode;
import software.amazon.awssdk.services.s3.S3Client;

/** Gets the package to Lambda through the engine's {@link CodeStore}: inline, or via --s3-bucket with the deploy's tags. */
final class PackageUpload {
    private PackageUpload() {}

    static String s3Key(DeploySpec spec) {
        return spec.s3Key() != null ? spec.s3Key() : spec.name() + "/" + spec.pkg().sha256Hex() + ".zip";
    }

    static PackageCode code(S3Client s3, io.javeze.aws.AwsTimeouts timeouts, DeploySpec spec, Changes changes) {
        return code(s3, timeouts, spec, spec.pkg(), s3Key(spec), changes);
    }

    /** The dependency layer's zip, through S3 too when the function's code goes that way. */
    static PackageCode layerCode(S3Client s3, io.javeze.aws.AwsTimeouts timeouts, DeploySpec spec, Changes changes) {
        DependencyLayerSpec layer = spec.dependencyLayer();
        return code(s3, timeouts, spec, layer.pkg(), layer.layerName() + "/" + layer.pkg().sha256Hex() + ".zip", changes);
    }

    private static PackageCode code(S3Client s3, io.javeze.aws.AwsTimeouts timeouts, DeploySpec spec, LambdaPackage pkg, String key,
                                    Changes changes) {
        CodeStore.Package p = new CodeStore.Package(pkg.zip(), pkg.sha256Hex(), pkg.size());
        if (spec.s3Bucket() == null) {
            return CodeStore.inline(p);
        }
        CodeStore store = new CodeStore(s3, spec.s3Bucket(), spec.tags(), timeouts);
        PackageCode[] code = {PackageCode.s3(spec.s3Bucket(), key, p.size())};
        changes.apply("upload package to s3://" + spec.s3Bucket() + "/" + key, () -> code[0] = store.viaS3(p, key, false));
        return code[0];
    }
}
