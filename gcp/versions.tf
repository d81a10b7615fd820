# Providers, pinned to their major versions. State holds the generated secrets (fleet key, database
# and admin passwords, the monitor's TLS key): keep it in a GCS bucket only operators can read
# (see README.md, "State"), never in the repository.
terraform {
  required_version = ">= 1.5"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.0, < 8.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
  }
}

provider "google" {
  project = var.project
  region  = var.region
  zone    = var.zone
}
