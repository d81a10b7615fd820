# The watched VMs: an instance template whose startup script installs the kernel module (DKMS, so
# it is rebuilt for every kernel update) and the agent from their Debian packages, enrols with the
# fleet key from Secret Manager and starts the agent; a managed instance group that the autoscaler
# grows and shrinks on CPU.

locals {
  agent_health_port = 9101
}

resource "google_service_account" "agent" {
  account_id   = "${var.name}-agent"
  display_name = "Vigia watched VM"
}

# The packages the watched VMs install, named after their content so a new build makes a new
# template (and a rolling replacement of the group).
resource "google_storage_bucket" "packages" {
  name                        = "${var.project}-${var.name}-packages"
  location                    = var.region
  uniform_bucket_level_access = true
  force_destroy               = true
}

resource "google_storage_bucket_object" "agent_deb" {
  bucket = google_storage_bucket.packages.name
  name   = "vigia-agent-${filemd5(var.agent_deb)}.deb"
  source = var.agent_deb
}

resource "google_storage_bucket_object" "dkms_deb" {
  bucket = google_storage_bucket.packages.name
  name   = "vigia-dkms-${filemd5(var.dkms_deb)}.deb"
  source = var.dkms_deb
}

resource "google_storage_bucket_iam_member" "agent_reads_packages" {
  bucket = google_storage_bucket.packages.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.agent.email}"
}

resource "google_compute_instance_template" "agent" {
  name_prefix  = "${var.name}-agent-"
  machine_type = var.agent_machine_type
  tags         = ["vigia-agent"]

  disk {
    source_image = var.image
    disk_size_gb = 20
    boot         = true
    auto_delete  = true
  }

  # No public address: Debian's mirrors are reached through the NAT, the monitor internally.
  network_interface {
    subnetwork = google_compute_subnetwork.vigia.id
  }

  service_account {
    email  = google_service_account.agent.email
    scopes = ["cloud-platform"]
  }

  # A DKMS-built module is not signed with a key Shielded VM's Secure Boot trusts: it stays off so
  # the module can load. (With Secure Boot on, the agent still runs, from plain /proc.)
  shielded_instance_config {
    enable_secure_boot          = false
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }

  metadata = {
    enable-oslogin         = "TRUE"
    startup-script         = file("${path.module}/agent-startup.sh")
    vigia-server           = "https://${google_compute_address.monitor_internal.address}/"
    vigia-monitor-cert     = tls_self_signed_cert.monitor.cert_pem
    vigia-fleet-key-secret = google_secret_manager_secret.secret["fleet-key"].secret_id
    vigia-packages-bucket  = google_storage_bucket.packages.name
    vigia-agent-deb        = google_storage_bucket_object.agent_deb.name
    vigia-dkms-deb         = google_storage_bucket_object.dkms_deb.name
    vigia-health-port      = tostring(local.agent_health_port)
  }

  lifecycle {
    create_before_destroy = true
  }
}

# Autohealing: answers 200 while the vigia-agent service is active (a socket-activated responder
# the startup script installs; the agent itself opens no port).
resource "google_compute_health_check" "agent" {
  name                = "${var.name}-agent-health"
  check_interval_sec  = 15
  timeout_sec         = 5
  healthy_threshold   = 2
  unhealthy_threshold = 4
  http_health_check {
    port         = local.agent_health_port
    request_path = "/"
  }
}

# No target_size: the autoscaler owns the group's size, and a size here would fight it at every apply.
resource "google_compute_instance_group_manager" "agents" {
  name               = "${var.name}-agents"
  zone               = var.zone
  base_instance_name = "${var.name}-agent"

  version {
    instance_template = google_compute_instance_template.agent.id
  }

  auto_healing_policies {
    health_check      = google_compute_health_check.agent.id
    initial_delay_sec = var.agent_boot_seconds
  }

  update_policy {
    type                  = "PROACTIVE"
    minimal_action        = "REPLACE"
    max_surge_fixed       = 1
    max_unavailable_fixed = 0
  }

  depends_on = [
    google_compute_instance.monitor,
    google_secret_manager_secret_iam_member.agent_fleet_key,
    google_storage_bucket_iam_member.agent_reads_packages,
  ]
}

resource "google_compute_autoscaler" "agents" {
  name   = "${var.name}-agents"
  zone   = var.zone
  target = google_compute_instance_group_manager.agents.id

  autoscaling_policy {
    min_replicas    = 1
    max_replicas    = 4
    cooldown_period = var.autoscaler_cooldown_seconds
    cpu_utilization {
      target = 0.6
    }
  }
}
