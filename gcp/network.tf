# The network: one subnetwork, a NAT so VMs without public addresses reach Debian's mirrors, and
# firewall rules. Only the monitor takes traffic from outside; nothing but Google's health checkers
# (and IAP for SSH) reaches the watched VMs: agents open no port for the monitor, they push.

resource "google_compute_network" "vigia" {
  name                    = "${var.name}-net"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "vigia" {
  name                     = "${var.name}-subnet"
  region                   = var.region
  network                  = google_compute_network.vigia.id
  ip_cidr_range            = var.subnet_cidr
  private_ip_google_access = true
}

resource "google_compute_router" "vigia" {
  name    = "${var.name}-router"
  region  = var.region
  network = google_compute_network.vigia.id
}

resource "google_compute_router_nat" "vigia" {
  name                               = "${var.name}-nat"
  router                             = google_compute_router.vigia.name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
}

# People reach the UI and API over HTTPS.
resource "google_compute_firewall" "https_to_monitor" {
  name          = "${var.name}-https-to-monitor"
  network       = google_compute_network.vigia.id
  direction     = "INGRESS"
  priority      = 1000
  source_ranges = var.https_source_ranges
  target_tags   = ["vigia-monitor"]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

# Agents push to the monitor over HTTPS on its internal address.
resource "google_compute_firewall" "agents_to_monitor" {
  name        = "${var.name}-agents-to-monitor"
  network     = google_compute_network.vigia.id
  direction   = "INGRESS"
  priority    = 1000
  source_tags = ["vigia-agent"]
  target_tags = ["vigia-monitor"]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

# Google's health checkers reach the watched VMs' health port (autohealing), and nothing else does.
resource "google_compute_firewall" "health_checks_to_agents" {
  name          = "${var.name}-health-checks-to-agents"
  network       = google_compute_network.vigia.id
  direction     = "INGRESS"
  priority      = 1000
  source_ranges = ["130.211.0.0/22", "35.191.0.0/16"]
  target_tags   = ["vigia-agent"]
  allow {
    protocol = "tcp"
    ports    = [tostring(local.agent_health_port)]
  }
}

# SSH for operators, through IAP by default (gcloud compute ssh --tunnel-through-iap; stress.sh).
resource "google_compute_firewall" "ssh" {
  name          = "${var.name}-ssh"
  network       = google_compute_network.vigia.id
  direction     = "INGRESS"
  priority      = 1000
  source_ranges = var.ssh_source_ranges
  target_tags   = ["vigia-monitor", "vigia-agent"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

# Said out loud, though Google's implied rule already denies it: nothing else reaches a watched VM.
resource "google_compute_firewall" "deny_to_agents" {
  name          = "${var.name}-deny-to-agents"
  network       = google_compute_network.vigia.id
  direction     = "INGRESS"
  priority      = 2000
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["vigia-agent"]
  deny {
    protocol = "all"
  }
}
