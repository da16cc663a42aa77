package io.javeze.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamingTest {

    @Test
    void kebabSplitsCamelCaseAndAcronyms() {
        assertThat(Naming.kebab("getUserById")).isEqualTo("get-user-by-id");
        assertThat(Naming.kebab("hello")).isEqualTo("hello");
        assertThat(Naming.kebab("HTTPServer")).isEqualTo("http-server");
        assertThat(Naming.kebab("parseJSON")).isEqualTo("parse-json");
        assertThat(Naming.kebab("onUserEvent2")).isEqualTo("on-user-event2");
    }

    @Test
    void kebabTurnsOtherCharactersIntoSingleDashesAndTrimsThem() {
        assertThat(Naming.kebab("get_user__by$id")).isEqualTo("get-user-by-id");
        assertThat(Naming.kebab("_private_")).isEqualTo("private");
        assertThat(Naming.kebab("grüße")).isEqualTo("gr-e");
    }

    @Test
    void shortNamesAreServiceDashFunction() {
        assertThat(Naming.lambdaFunctionName("shop", "get-user")).isEqualTo("shop-get-user");
    }

    @Test
    void invalidCharactersBecomeDashes() {
        assertThat(Naming.lambdaFunctionName("shop", "a.b/c d_e")).isEqualTo("shop-a-b-c-d_e");
    }

    @Test
    void exactly64CharactersIsKeptWhole() {
        String function = "f".repeat(64 - "shop-".length());
        assertThat(Naming.lambdaFunctionName("shop", function)).isEqualTo("shop-" + function).hasSize(64);
    }

    @Test
    void longNamesAreCutTo64WithAStableHashOfTheFullName() {
        String function = "very-long-function-name-".repeat(4);
        String name = Naming.lambdaFunctionName("shop", function);

        assertThat(name).hasSize(Naming.MAX_FUNCTION_NAME).matches("[a-zA-Z0-9_-]+");
        String full = "shop-" + function;
        assertThat(name).isEqualTo(full.substring(0, 55) + "-" + Naming.sha256Hex(full).substring(0, 8));
        assertThat(Naming.lambdaFunctionName("shop", function)).isEqualTo(name);
    }

    @Test
    void longNamesSharingAPrefixStayDistinct() {
        String prefix = "x".repeat(70);
        assertThat(Naming.lambdaFunctionName("shop", prefix + "-a"))
                .isNotEqualTo(Naming.lambdaFunctionName("shop", prefix + "-b"));
    }

    @Test
    void sha256HexIsTheStandardDigest() {
        assertThat(Naming.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
