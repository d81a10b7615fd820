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

/** A person who uses the UI or API. The password is kept only as a PBKDF2 hash. */
@Entity
@Table(name = "app_user")
@NamedQuery(name = "AppUser.findByName", query = "SELECT u FROM AppUser u WHERE u.username = :name")
@NamedQuery(name = "AppUser.count", query = "SELECT COUNT(u) FROM AppUser u")
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
}
