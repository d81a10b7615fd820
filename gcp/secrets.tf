# Secrets: generated here, kept in Secret Manager, read at boot by the VMs whose service account
# may read that one secret. They never appear in metadata, startup-script logs or process lists.

resource "random_password" "secret" {
  for_each = toset(["fleet-key", "db-password", "db-root-password", "admin-password", "payara-admin-password"])
  length   = 32
  special  = false
}

resource "google_secret_manager_secret" "secret" {
  for_each  = random_password.secret
  secret_id = "${var.name}-${each.key}"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "secret" {
  for_each    = random_password.secret
  secret      = google_secret_manager_secret.secret[each.key].id
  secret_data = each.value.result
}

# The monitor's HTTPS certificate, for its internal and external addresses. Agents trust exactly
# this certificate (it travels to them in metadata: it is public); its key is a secret (PKCS#8:
# what the monitor image imports, docker/payara/ImportCertificate.java).
resource "tls_private_key" "monitor" {
  algorithm = "RSA"
  rsa_bits  = 2048
}

resource "tls_self_signed_cert" "monitor" {
  private_key_pem       = tls_private_key.monitor.private_key_pem
  ip_addresses          = [google_compute_address.monitor_internal.address, google_compute_address.monitor_external.address]
  validity_period_hours = 24 * 365
  early_renewal_hours   = 24 * 30
  allowed_uses          = ["digital_signature", "key_encipherment", "server_auth"]
  subject {
    common_name  = "${var.name}-monitor"
    organization = "Vigia"
  }
}

resource "google_secret_manager_secret" "monitor_tls_key" {
  secret_id = "${var.name}-monitor-tls-key"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "monitor_tls_key" {
  secret      = google_secret_manager_secret.monitor_tls_key.id
  secret_data = tls_private_key.monitor.private_key_pem_pkcs8
}

# Who reads what: the monitor every secret but nothing of the agents' packages; a watched VM the
# fleet key only.
resource "google_secret_manager_secret_iam_member" "monitor" {
  for_each  = merge({ for k, s in google_secret_manager_secret.secret : k => s.id }, { "monitor-tls-key" = google_secret_manager_secret.monitor_tls_key.id })
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.monitor.email}"
}

resource "google_secret_manager_secret_iam_member" "agent_fleet_key" {
  secret_id = google_secret_manager_secret.secret["fleet-key"].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.agent.email}"
}
