output "monitor_url" {
  description = "The monitor's UI and API (HTTPS; the certificate is the self-signed one in monitor_certificate)."
  value       = "https://${google_compute_address.monitor_external.address}/"
}

output "monitor_internal_url" {
  description = "Where the watched VMs' agents push."
  value       = "https://${google_compute_address.monitor_internal.address}/"
}

output "monitor_certificate" {
  description = "The monitor's certificate (PEM), to check the browser's warning against or trust it."
  value       = tls_self_signed_cert.monitor.cert_pem
}

output "agent_group" {
  description = "The watched VMs' managed instance group (gcloud compute instance-groups managed list-instances NAME --zone ZONE)."
  value       = google_compute_instance_group_manager.agents.name
}

output "admin_password_secret" {
  description = "Secret holding the password of Vigia's first user, admin (gcloud secrets versions access latest --secret NAME)."
  value       = google_secret_manager_secret.secret["admin-password"].secret_id
}
