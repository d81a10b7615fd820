package io.vigia.web.security;

import io.vigia.monitor.security.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** Checks a user name and password against the users table; groups are the role names held. */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

  @Inject private UserDirectory users;

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    return users
        .authenticate(credential.getCaller(), credential.getPassword().getValue())
        .map(role -> new CredentialValidationResult(credential.getCaller(), role.groups()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
