package io.vigia.monitor.security;

import static io.vigia.monitor.security.UserDirectory.leavesNoAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule that keeps one enabled admin: who may be demoted or disabled, and when. */
class LastAdminTest {

  @Test
  void refusesToDemoteOrDisableTheOnlyEnabledAdmin() {
    assertThat(leavesNoAdmin(Role.ADMIN, true, Role.OPERATOR, true, 1)).isTrue();
    assertThat(leavesNoAdmin(Role.ADMIN, true, Role.VIEWER, true, 1)).isTrue();
    assertThat(leavesNoAdmin(Role.ADMIN, true, Role.ADMIN, false, 1)).isTrue();
  }

  @Test
  void letsAnAdminGoWhileAnotherEnabledAdminRemains() {
    assertThat(leavesNoAdmin(Role.ADMIN, true, Role.VIEWER, true, 2)).isFalse();
    assertThat(leavesNoAdmin(Role.ADMIN, true, Role.ADMIN, false, 2)).isFalse();
  }

  @Test
  void neverRefusesAChangeThatTakesNoEnabledAdminAway() {
    // A disabled admin is no admin now: demoting them or leaving them disabled changes nothing.
    assertThat(leavesNoAdmin(Role.ADMIN, false, Role.VIEWER, false, 1)).isFalse();
    assertThat(leavesNoAdmin(Role.VIEWER, true, Role.OPERATOR, true, 1)).isFalse();
    assertThat(leavesNoAdmin(Role.OPERATOR, true, Role.OPERATOR, false, 1)).isFalse();
    assertThat(leavesNoAdmin(Role.VIEWER, true, Role.ADMIN, true, 1)).isFalse();
  }
}
