package io.vigia.monitor.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/**
 * A person who uses the UI or API. The password is kept only as a PBKDF2 hash. A user who leaves is
 * disabled, not deleted: the name stays in the event log and cannot be taken by someone else.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = "AppUser.findByName", query = "SELECT u FROM AppUser u WHERE u.username = :name")
@NamedQuery(name = "AppUser.count", query = "SELECT COUNT(u) FROM AppUser u")
@NamedQuery(name = "AppUser.findAll", query = "SELECT u FROM AppUser u ORDER BY u.username")
@NamedQuery(
    name = "AppUser.findEnabledAdmins",
    query = "SELECT u FROM AppUser u WHERE u.enabled = TRUE AND u.role = :admin")
public class AppUser {

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "user_ids")
  @TableGenerator(
      name = "user_ids",
      table = "id_sequence",
      pkColumnName = "seq_name",
      valueColumnName = "seq_count",
      pkColumnValue = "app_user",
      allocationSize = 1)
  private Long id;

  @Column(nullable = false, unique = true, length = 64)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Role role;

  @Column(name = "created_ms", nullable = false)
  private long createdMs;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "last_login_ms")
  private Long lastLoginMs;

  protected AppUser() {}

  public AppUser(String username, String passwordHash, Role role, long createdMs) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.role = role;
    this.createdMs = createdMs;
  }

  public String getUsername() {
    return username;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public Role getRole() {
    return role;
  }

  public long getCreatedMs() {
    return createdMs;
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** When the password was last checked, or null when never. */
  public Long getLastLoginMs() {
    return lastLoginMs;
  }

  void setRole(Role role) {
    this.role = role;
  }

  void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  void setLastLoginMs(long lastLoginMs) {
    this.lastLoginMs = lastLoginMs;
  }
}
