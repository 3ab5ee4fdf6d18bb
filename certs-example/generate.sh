#!/usr/bin/env bash
# Generates the example PKI (CA, gateway TLS and signing certificates, one certificate per partner in
# src/main/resources/partners-example.yml) into certs-example/out, or into the directory given.
# Usage: certs-example/generate.sh [outputDir] [--force]
#   outputDir  relative to the project root; default certs-example/out
#   --force    replace an existing example PKI (otherwise an existing ca.crt is left alone)
# EXAMPLE ONLY: never use these certificates or keys in production.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q compile exec:java \
  -Dexec.mainClass=nl.hvht.ketenpoort.demo.pki.ExamplePki \
  -Dexec.args="$*"
