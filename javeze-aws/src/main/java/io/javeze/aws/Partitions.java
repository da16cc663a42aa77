package io.javeze.aws;

import java.util.List;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/** AWS partitions (aws, aws-cn, aws-us-gov, ...) as the SDK's own endpoint metadata describes them. */
public final class Partitions {
    private static final List<String> KNOWN = List.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
            "aws-iso-f", "aws-eusc");

    private Partitions() {}

    /** {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...: the partition of an ARN in this region. */
    public static String of(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }

    /** The pseudo-region global services like IAM are signed for in the region's partition ({@code aws-cn-global}, ...). */
    public static Region globalRegion(String region) {
        return Region.of(of(region) + "-global");
    }

    /** True when the name matches the region pattern of a partition the SDK knows. */
    public static boolean isRegionName(String region) {
        for (String id : KNOWN) {
            PartitionMetadata p;
            try {
                p = PartitionMetadata.of(id);
            } catch (RuntimeException unknownToThisSdk) {
                continue;
            }
            if (p != null && p.regionRegex() != null && region.matches(p.regionRegex())) {
                return true;
            }
        }
        return false;
    }
}
