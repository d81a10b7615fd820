variable "project" {
  description = "Google Cloud project id to deploy into."
  type        = string
}

variable "region" {
  description = "Region of the network, the NAT and the monitor's addresses."
  type        = string
  default     = "europe-west1"
}

variable "zone" {
  description = "Zone of the monitor VM and of the watched VMs' instance group."
  type        = string
  default     = "europe-west1-b"
}

variable "name" {
  description = "Prefix of every resource's name, so two deployments can share a project."
  type        = string
  default     = "vigia"
}

variable "subnet_cidr" {
  description = "Address range of the subnetwork; the monitor takes its 10th address."
  type        = string
  default     = "10.20.0.0/24"
}

variable "monitor_machine_type" {
  description = "Machine type of the monitor VM (Payara Server + MySQL: 4 GB is the floor)."
  type        = string
  default     = "e2-standard-2"
}

variable "agent_machine_type" {
  description = "Machine type of each watched VM."
  type        = string
  default     = "e2-small"
}

variable "image" {
  description = "Boot image of every VM. The startup scripts use apt, systemd and DKMS: Debian 12 or newer."
  type        = string
  default     = "debian-cloud/debian-12"
}

variable "monitor_data_disk_gb" {
  description = "Size of the monitor's persistent data disk (Docker's data, so MySQL's volume, lives there)."
  type        = number
  default     = 50
}

variable "https_source_ranges" {
  description = "Who may open the monitor's UI and API over HTTPS (port 443)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "ssh_source_ranges" {
  description = "Who may reach port 22 of every VM. Default: Google's IAP TCP forwarding range only (gcloud compute ssh --tunnel-through-iap)."
  type        = list(string)
  default     = ["35.235.240.0/20"]
}

variable "image_prefix" {
  description = "Docker Hub namespace (or registry/namespace) the images were pushed to by docker/push.sh."
  type        = string
  default     = "vigia"
}

variable "vigia_version" {
  description = "Image tag of the monitor and agent images the monitor VM runs."
  type        = string
  default     = "0.1.0"
}

variable "agent_deb" {
  description = "The agent's Debian package, built by `mvn package` (uploaded to a bucket the watched VMs read)."
  type        = string
  default     = "../agent-jar/target/vigia-agent.deb"
}

variable "dkms_deb" {
  description = "The kernel module's DKMS Debian package, built by `mvn package`."
  type        = string
  default     = "../kernel-module/target/vigia-dkms.deb"
}

variable "agent_boot_seconds" {
  description = "Longest a watched VM takes from creation to a running agent (apt, headers, DKMS build, enrolment). The health check waits longer than this before it judges a VM."
  type        = number
  default     = 600
}

variable "autoscaler_cooldown_seconds" {
  description = "How long after a VM starts its CPU is ignored by the autoscaler (the boot itself loads the CPU)."
  type        = number
  default     = 300
}
