package io.javeze.deploy.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeSourceTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void smallPackagesGoInlineBigOrWidelySharedOnesThroughS3() {
        assertThat(CodeSource.viaS3(2 * MIB, 1)).isFalse();
        assertThat(CodeSource.viaS3(44 * MIB, 1)).isFalse();
        assertThat(CodeSource.viaS3(46 * MIB, 1)).as("over Lambda's 50 MB direct-upload limit with margin").isTrue();
        assertThat(CodeSource.viaS3(1 * MIB, 3)).as("resending 2 MiB is cheaper than staging").isFalse();
        assertThat(CodeSource.viaS3(2 * MIB, 3)).as("4 MiB saved by uploading once").isTrue();
        assertThat(CodeSource.viaS3(200 * 1024, 50)).as("9.8 MiB saved").isTrue();
    }
}
