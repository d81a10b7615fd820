package io.vigia.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.monitor.security.Role;
import io.vigia.monitor.security.UserDirectory.Account;
import org.junit.jupiter.api.Test;

class SessionUserTest {

  private final Account signedIn =
      new Account("ana", Role.OPERATOR, "PBKDF2WithHmacSHA256:1:salt1:h");

  @Test
  void holdsWhileTheAccountIsAsItWasAtSignIn() {
    SessionUser session = SessionUser.of(signedIn);

    assertThat(session.holdsFor(new Account("ana", Role.OPERATOR, signedIn.passwordHash())))
        .isTrue();
  }

  @Test
  void endsWhenThePasswordWasSetAgainEvenToTheSameOne() {
    SessionUser session = SessionUser.of(signedIn);

    // the same password hashed again: a new salt, another stored hash
    assertThat(
            session.holdsFor(new Account("ana", Role.OPERATOR, "PBKDF2WithHmacSHA256:1:salt2:h")))
        .isFalse();
  }

  @Test
  void endsWhenTheRoleChangedEitherWay() {
    SessionUser session = SessionUser.of(signedIn);

    assertThat(session.holdsFor(new Account("ana", Role.ADMIN, signedIn.passwordHash()))).isFalse();
    assertThat(session.holdsFor(new Account("ana", Role.VIEWER, signedIn.passwordHash())))
        .isFalse();
  }

  @Test
  void keepsNoPasswordHashInTheSession() {
    SessionUser session = SessionUser.of(signedIn);

    assertThat(session.toString()).doesNotContain(signedIn.passwordHash());
    assertThat(session.credentials()).hasSize(64);
  }

  @Test
  void endsASessionKeptFromBeforeItCarriedCredentials() {
    // as a session serialised by the earlier two-field record reads back after a redeploy
    SessionUser old = new SessionUser("ana", Role.OPERATOR.groups(), null);

    assertThat(old.holdsFor(signedIn)).isFalse();
  }
}
