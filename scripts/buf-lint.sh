#!/usr/bin/env bash
# Lints the gRPC contract (protos/) with buf's STANDARD rules, as configured in buf.yaml.
# buf comes from the npm devDependency @bufbuild/buf (package.json / package-lock.json).
set -euo pipefail

cd "$(dirname "$0")/.."

if [ ! -d node_modules/@bufbuild/buf ]; then
  npm ci --silent
fi

npx --no-install buf lint "$@"
