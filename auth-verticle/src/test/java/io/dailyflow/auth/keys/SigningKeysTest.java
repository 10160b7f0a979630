package io.dailyflow.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dailyflow.auth.AuthKeys;
import io.dailyflow.common.auth.RsaKeys;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @TempDir
  Path dir;

  @Test
  void anAbsentKeyPairIsGeneratedAndItsKidIsThePublicKeyThumbprint() throws Exception {
    SigningKeys keys = SigningKeys.load(config(Map.of()));

    String publicPem = Files.readString(dir.resolve("public.pem"));
    assertThat(keys.kid()).isEqualTo(RsaKeys.keyId(RsaKeys.parsePublicKey(publicPem)));
    assertThat(keys.publishedKeys()).hasSize(1);
    assertThat(keys.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void anExistingKeyPairIsKeptAcrossStarts() {
    String first = SigningKeys.load(config(Map.of())).kid();

    assertThat(SigningKeys.load(config(Map.of())).kid()).isEqualTo(first);
  }

  @Test
  void aPublicKeyThatIsNotThePrivateKeysHalfFailsTheStartNamingTheKey() {
    SigningKeys.load(config(Map.of()));
    RsaKeys.ensureKeyPair(dir.resolve("other/private.pem"), dir.resolve("other/public.pem"));

    Config mismatched = config(Map.of(CommonKeys.JWT_PUBLIC_KEY_PATH.name(),
        dir.resolve("other/public.pem").toString()));

    assertThatThrownBy(() -> SigningKeys.load(mismatched))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("jwt.public-key-path")
        .hasMessageContaining("auth.private-key-path");
  }

  @Test
  void aMissingPrivateKeyFailsTheStartWhenGenerationIsOff() {
    Config config = config(Map.of(AuthKeys.GENERATE_KEYS.name(), false));

    assertThatThrownBy(() -> SigningKeys.load(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.private-key-path");
  }

  @Test
  void aPkcs1PrivateKeyIsRefusedWithTheConversionCommand() throws Exception {
    Files.writeString(dir.resolve("private.pem"),
        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> SigningKeys.load(config(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void thePreviousPublicKeyIsPublishedAfterTheCurrentOne() {
    RsaKeys.ensureKeyPair(dir.resolve("old/private.pem"), dir.resolve("old/public.pem"));
    SigningKeys keys = SigningKeys.load(config(Map.of(AuthKeys.PREVIOUS_PUBLIC_KEY_PATH.name(),
        dir.resolve("old/public.pem").toString())));

    assertThat(keys.publishedKeys()).hasSize(2);
    assertThat(RsaKeys.keyId(keys.publishedKeys().get(0))).isEqualTo(keys.kid());
    assertThat(keys.verificationPems()).hasSize(2);
  }

  @Test
  void theNextPublicKeyIsPublishedButNotUsedToSign() {
    RsaKeys.ensureKeyPair(dir.resolve("new/private.pem"), dir.resolve("new/public.pem"));
    SigningKeys keys = SigningKeys.load(config(Map.of(AuthKeys.NEXT_PUBLIC_KEY_PATH.name(),
        dir.resolve("new/public.pem").toString())));

    assertThat(keys.publishedKeys()).hasSize(2);
    assertThat(RsaKeys.keyId(keys.publishedKeys().get(1))).isNotEqualTo(keys.kid());
  }

  @Test
  void aVerifiersKeyFileWithSeveralKeysIsAcceptedAndTheOtherKeysPublished() throws Exception {
    SigningKeys.load(config(Map.of()));
    RsaKeys.ensureKeyPair(dir.resolve("old/private.pem"), dir.resolve("old/public.pem"));
    Path both = dir.resolve("both.pem");
    Files.writeString(both, Files.readString(dir.resolve("old/public.pem"))
        + Files.readString(dir.resolve("public.pem")));

    SigningKeys keys = SigningKeys.load(config(Map.of(CommonKeys.JWT_PUBLIC_KEY_PATH.name(),
        both.toString(), AuthKeys.PREVIOUS_PUBLIC_KEY_PATH.name(),
        dir.resolve("old/public.pem").toString())));

    assertThat(keys.publishedKeys()).hasSize(2);
    assertThat(RsaKeys.keyId(keys.publishedKeys().get(0))).isEqualTo(keys.kid());
    assertThat(keys.kid()).isEqualTo(RsaKeys.keyId(RsaKeys.parsePublicKey(
        Files.readString(dir.resolve("public.pem")))));
  }

  @Test
  void aMissingRotationKeyFileFailsTheStartNamingTheKey() {
    Config config = config(Map.of(AuthKeys.PREVIOUS_PUBLIC_KEY_PATH.name(),
        dir.resolve("nowhere.pem").toString()));

    assertThatThrownBy(() -> SigningKeys.load(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.previous-public-key-path");
  }

  private Config config(Map<String, Object> overrides) {
    return Config.of(Map.of(
            AuthKeys.PRIVATE_KEY_PATH.name(), dir.resolve("private.pem").toString(),
            CommonKeys.JWT_PUBLIC_KEY_PATH.name(), dir.resolve("public.pem").toString(),
            AuthKeys.GENERATE_KEYS.name(), true))
        .with(overrides);
  }
}
