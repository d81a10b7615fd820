# The monitor VM: Debian with Docker, running docker/compose.yaml (MySQL 8.4, the monitor on
# Payara Server, one agent for the VM itself). MySQL's data lives on a separate persistent disk,
# so the VM can be replaced without losing history.

resource "google_service_account" "monitor" {
  account_id   = "${var.name}-monitor"
  display_name = "Vigia monitor VM"
}

resource "google_compute_address" "monitor_external" {
  name   = "${var.name}-monitor"
  region = var.region
}

resource "google_compute_address" "monitor_internal" {
  name         = "${var.name}-monitor-internal"
  region       = var.region
  subnetwork   = google_compute_subnetwork.vigia.id
  address_type = "INTERNAL"
  address      = cidrhost(var.subnet_cidr, 10)
}

resource "google_compute_disk" "monitor_data" {
  name = "${var.name}-monitor-data"
  zone = var.zone
  type = "pd-balanced"
  size = var.monitor_data_disk_gb
}

resource "google_compute_instance" "monitor" {
  name                      = "${var.name}-monitor"
  zone                      = var.zone
  machine_type              = var.monitor_machine_type
  tags                      = ["vigia-monitor"]
  allow_stopping_for_update = true

  boot_disk {
    initialize_params {
      image = var.image
      size  = 20
    }
  }

  attached_disk {
    source      = google_compute_disk.monitor_data.id
    device_name = "vigia-data"
  }

  network_interface {
    subnetwork = google_compute_subnetwork.vigia.id
    network_ip = google_compute_address.monitor_internal.address
    access_config {
      nat_ip = google_compute_address.monitor_external.address
    }
  }

  service_account {
    email  = google_service_account.monitor.email
    scopes = ["cloud-platform"]
  }

  # Everything here is public; secrets are named, not given, and read from Secret Manager.
  metadata = {
    enable-oslogin           = "TRUE"
    startup-script           = file("${path.module}/monitor-startup.sh")
    vigia-compose            = file("${path.module}/../docker/compose.yaml")
    vigia-image-prefix       = var.image_prefix
    vigia-version            = var.vigia_version
    vigia-secret-prefix      = var.name
    vigia-monitor-cert       = tls_self_signed_cert.monitor.cert_pem
    vigia-monitor-public-url = "https://${google_compute_address.monitor_external.address}/"
  }

  depends_on = [
    google_secret_manager_secret_version.secret,
    google_secret_manager_secret_version.monitor_tls_key,
    google_secret_manager_secret_iam_member.monitor,
    google_compute_router_nat.vigia,
  ]
}
