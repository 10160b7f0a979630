package io.dailyflow.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Argon2HasherTest {

  private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);

  @Test
  void productionParametersHashIntoAPhcStringThatVerifies() {
    Argon2Hasher hasher = new Argon2Hasher(Argon2Params.PRODUCTION);

    String hash = hasher.hash("correct horse battery staple");

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    String[] parts = hash.split("\\$");
    assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
    assertThat(hasher.verify(hash, "correct horse battery staple")).isTrue();
    assertThat(hasher.verify(hash, "correct horse battery stapl")).isFalse();
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTimeBecauseOfTheSalt() {
    Argon2Hasher hasher = new Argon2Hasher(CHEAP);

    String first = hasher.hash("same password");
    String second = hasher.hash("same password");

    assertThat(first).isNotEqualTo(second);
    assertThat(hasher.verify(first, "same password")).isTrue();
    assertThat(hasher.verify(second, "same password")).isTrue();
  }

  @Test
  void aHashVerifiesWithTheParametersStoredInItAfterTheCurrentOnesWereRaised() {
    String weak = new Argon2Hasher(CHEAP).hash("pässwörd ✓ 密码");
    Argon2Hasher raised = new Argon2Hasher(new Argon2Params(128, 2, 1));

    assertThat(raised.verify(weak, "pässwörd ✓ 密码")).isTrue();
    assertThat(raised.needsRehash(weak)).isTrue();
    assertThat(Argon2Hasher.paramsOf(weak)).contains(CHEAP);
  }

  @Test
  void aStrongerStoredHashIsNotDowngraded() {
    String strong = new Argon2Hasher(new Argon2Params(128, 2, 1)).hash("pw");

    assertThat(new Argon2Hasher(CHEAP).needsRehash(strong)).isFalse();
  }

  @Test
  void malformedHashesNeverMatchAndNeverThrow() {
    Argon2Hasher hasher = new Argon2Hasher(CHEAP);
    String good = hasher.hash("pw");
    Random random = new Random(42);
    String[] broken = {null, "", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        "$argon2id$v=19$m=64,t=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=x,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=4,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        good.substring(0, good.length() - 3) + "!!!", good + "$extra"};
    for (String hash : broken) {
      assertThat(hasher.verify(hash, "pw")).as("%s", hash).isFalse();
      assertThat(hasher.needsRehash(hash)).isTrue();
    }
    for (int i = 0; i < 200; i++) {
      char[] mutated = good.toCharArray();
      mutated[random.nextInt(mutated.length)] = (char) (32 + random.nextInt(95));
      String candidate = new String(mutated);
      assertThat(hasher.verify(candidate, "pw")).isEqualTo(candidate.equals(good)
          || sameBytes(candidate, good));
    }
  }

  /** A mutation in base64 padding bits can decode to the same bytes: then it still matches. */
  private static boolean sameBytes(String candidate, String good) {
    String[] a = candidate.split("\\$", -1);
    String[] b = good.split("\\$", -1);
    try {
      return a.length == b.length && a[1].equals(b[1]) && a[2].equals(b[2]) && a[3].equals(b[3])
          && java.util.Arrays.equals(Base64.getDecoder().decode(a[4]),
              Base64.getDecoder().decode(b[4]))
          && java.util.Arrays.equals(Base64.getDecoder().decode(a[5]),
              Base64.getDecoder().decode(b[5]));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
