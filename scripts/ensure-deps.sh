#!/usr/bin/env bash
# Installs the Debian packages OneNeuron needs when they are missing: oneDNN (libdnnl-dev, C API 2.x), zlib,
# librsvg (librsvg2-dev, with cairo: renders each figure's SVG to PNG), the DejaVu fonts its text is drawn with
# and HDF5 (libhdf5-dev: Keras 3 weight files, --init-weights).
set -euo pipefail
missing=()
for package in libdnnl-dev zlib1g-dev librsvg2-dev fonts-dejavu-core libhdf5-dev; do
  # Installed means "install ok installed" (a removed package keeps a dpkg record with its config files).
  [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == "install ok installed" ]] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} ..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
