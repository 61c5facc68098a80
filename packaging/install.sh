#!/usr/bin/env bash
# Installs leadbox from this unpacked package, for the current user, with no compiler needed:
#   ./install.sh [--prefix DIR] [--webhook URL] [--no-start]    (DIR defaults to ~/.local)
#   ./install.sh --uninstall [--prefix DIR]
# It copies the programs, the man page and the bash/zsh/fish completions under DIR, writes the
# systemd user unit and starts the daemon when there is a systemd user session, and lists every
# file and folder it created in DIR/lib/leadbox/installed-files so that --uninstall removes
# exactly those. Your leads and your settings file are never touched or removed.
set -euo pipefail

package_version="@VERSION@"
package_arch="@ARCH@"
here=$(cd "$(dirname "$0")" && pwd)

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$1" >&2; exit "${2:-1}"; }

prefix="$HOME/.local"
action=install
webhook="${LEADBOX_WEBHOOK:-}"
start=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder, e.g. --prefix ~/.local." 64; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --webhook) [ $# -ge 2 ] || die "--webhook needs the portal's incoming-webhook URL." 64; webhook=$2; shift 2 ;;
    --webhook=*) webhook=${1#--webhook=}; shift ;;
    --no-start) start=0; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1; see ./install.sh --help." 64 ;;
  esac
done
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac

bindir="$prefix/bin"
manifest_dir="$prefix/lib/leadbox"
manifest="$manifest_dir/installed-files"
unit_dir="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
unit="$unit_dir/leadbox.service"
config_file="${LEADBOX_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/leadbox/config.toml}"
data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/leadbox"

# Whether a systemd user manager answers (not on a bare ssh login, in a container, or as root
# without a session).
user_systemd() { command -v systemctl >/dev/null 2>&1 && systemctl --user show-environment >/dev/null 2>&1; }

# --- the manifest: "f PATH" for files and "d PATH" for folders, in creation order ---------------
created=()
record() { created+=("$1 $2"); }

# mkdir -p that records each folder it had to create, outermost first.
make_dir() {
  local dir=$1 missing=()
  while [ ! -d "$dir" ]; do missing=("$dir" "${missing[@]}"); dir=$(dirname "$dir"); done
  for dir in "${missing[@]}"; do mkdir "$dir" && record d "$dir"; done
}

# Copies atomically (a running daemon keeps its old binary until restarted).
put() {
  local source=$1 target=$2 mode=$3
  make_dir "$(dirname "$target")"
  cp "$source" "$target.new.$$" && chmod "$mode" "$target.new.$$" && mv -f "$target.new.$$" "$target"
  record f "$target"
}

# Libraries the system must provide, by Debian/Ubuntu package (everything else is inside).
package_for() {
  case "$1" in
    libsqlite3*) echo libsqlite3-0 ;;
    libncursesw*) echo libncursesw6 ;;
    libtinfo*) echo libtinfo6 ;;
    libz.*) echo zlib1g ;;
    libstdc++*) echo libstdc++6 ;;
    libgcc_s*) echo libgcc-s1 ;;
    *) echo "the package providing $1" ;;
  esac
}

check_libraries() {
  local binary="$here/bin/leadbox" missing output
  missing=$(ldd "$binary" 2>/dev/null | sed -n 's/^[[:space:]]*\([^[:space:]]*\) => not found.*/\1/p' || true)
  if [ -z "$missing" ] && ! output=$("$binary" --version 2>&1); then
    # ldd saw nothing missing but the loader still refused a library (broken or wrong file).
    missing=$(printf '%s\n' "$output" | grep -o 'lib[A-Za-z0-9_+.-]*\.so[.0-9]*' | head -1 || true)
    [ -n "$missing" ] || die "bin/leadbox does not run here: $output"
  fi
  [ -z "$missing" ] && return 0
  local packages=() library
  for library in $missing; do packages+=("$(package_for "$(basename "$library")")"); done
  die "leadbox needs $(echo $missing | sed 's/ /, /g'), which this system lacks; install it with: sudo apt-get install ${packages[*]}" 69
}

# Libraries and tools leadbox loads or runs only when a feature needs them: their absence never
# stops an install, but the person is told which `apt-get install` enables each feature.
optional_libraries() {
  local wanted=() library package
  for pair in libzbar.so.0:libzbar0 libturbojpeg.so.0:libturbojpeg0 libpng16.so.16:libpng16-16; do
    library=${pair%%:*}; package=${pair#*:}
    compgen -G "/usr/lib/*/$library" >/dev/null || compgen -G "/lib/*/$library" >/dev/null || wanted+=("$package")
  done
  [ ${#wanted[@]} -eq 0 ] || say "optional: badge codes from photos and the camera (leadbox scan --image, add --photo, F6) need: sudo apt-get install ${wanted[*]}"
  command -v ZXingReader >/dev/null 2>&1 \
    || say "optional: zxing-cpp's reader reads badge codes zbar misses: sudo apt-get install zxing-cpp-tools"
  if ! compgen -G "/usr/lib/*/libheif.so.1" >/dev/null; then
    say "optional: HEIC photos (an iPhone's own format) need: sudo apt-get install libheif1"
  elif compgen -G "/usr/lib/*/libheif/plugins" >/dev/null && ! compgen -G "/usr/lib/*/libheif/plugins/*libde265*" >/dev/null; then
    # From libheif 1.16 the decoders are plugins of their own packages.
    say "optional: HEIC photos need libheif's HEVC decoder: sudo apt-get install libheif-plugin-libde265"
  fi
  local languages=()
  compgen -G "/usr/lib/*/libtesseract.so.5" >/dev/null || languages+=(tesseract-ocr)
  for language in eng rus deu; do
    compgen -G "/usr/share/tesseract-ocr/*/tessdata/$language.traineddata" >/dev/null || languages+=("tesseract-ocr-$language")
  done
  [ ${#languages[@]} -eq 0 ] || say "optional: business cards from photos need: sudo apt-get install ${languages[*]}"
}

install_leadbox() {
  [ -x "$here/bin/leadbox" ] || die "run install.sh from the unpacked package folder (bin/leadbox is missing next to it)." 66
  [ "$(uname -m)" = "$package_arch" ] || die "this package is for $package_arch, but this computer is $(uname -m); download the $(uname -m) package." 69
  check_libraries

  # Keep what an earlier install created, so --uninstall still removes it after an upgrade.
  if [ -f "$manifest" ]; then
    while IFS= read -r line; do [ -n "$line" ] && created+=("$line"); done < "$manifest"
  fi

  put "$here/bin/leadbox" "$bindir/leadbox" 755
  put "$here/bin/leadbox-fake-portal" "$bindir/leadbox-fake-portal" 755
  put "$here/share/man/man1/leadbox.1" "$prefix/share/man/man1/leadbox.1" 644
  put "$here/share/bash-completion/completions/leadbox" "$prefix/share/bash-completion/completions/leadbox" 644
  put "$here/share/zsh/site-functions/_leadbox" "$prefix/share/zsh/site-functions/_leadbox" 644
  put "$here/share/fish/vendor_completions.d/leadbox.fish" "$prefix/share/fish/vendor_completions.d/leadbox.fish" 644

  make_dir "$unit_dir"
  sed "/^ExecStart=/s|@BINDIR@|$bindir|" "$here/lib/systemd/user/leadbox.service" > "$unit.new.$$" && mv -f "$unit.new.$$" "$unit"
  record f "$unit"

  if [ -n "$webhook" ]; then
    if [ -e "$config_file" ]; then
      say "kept your settings file $config_file as it is; change the webhook with: leadbox config set webhook URL"
    else
      LEADBOX_CONFIG="$config_file" "$bindir/leadbox" config set webhook "$webhook" >/dev/null \
        || die "the webhook was not saved (see the line above); the programs are installed, so fix it with: leadbox config set webhook URL" 65
      say "saved the webhook in $config_file (readable only by you)"
    fi
  fi

  local run_unit=0
  if [ "$start" -eq 1 ] && user_systemd; then
    run_unit=1
    # `systemctl enable` creates this folder for its link; uninstalling removes it again.
    [ -d "$unit_dir/default.target.wants" ] || record d "$unit_dir/default.target.wants"
  fi

  make_dir "$manifest_dir"
  record f "$manifest"
  printf '%s\n' "${created[@]}" | awk '!seen[$0]++' > "$manifest.new.$$" && mv -f "$manifest.new.$$" "$manifest"

  say "installed leadbox $package_version into $prefix"
  optional_libraries
  if [ "$run_unit" -eq 1 ]; then
    systemctl --user daemon-reload
    systemctl --user enable leadbox.service >/dev/null 2>&1 || die "systemctl --user enable leadbox failed; see: systemctl --user status leadbox"
    # restart, not start: after an upgrade the running daemon must pick up the new binary.
    systemctl --user restart leadbox.service || die "the daemon did not start; see: journalctl --user -u leadbox"
    say "the daemon runs (systemctl --user status leadbox; logs: journalctl --user -u leadbox)"
  elif [ "$start" -eq 1 ]; then
    say "there is no systemd user session here, so the daemon was not started; run 'leadbox daemon' in a terminal, or 'systemctl --user enable --now leadbox' from a desktop session"
  fi
  case ":$PATH:" in *":$bindir:"*) ;; *) say "add $bindir to PATH to type plain 'leadbox' (Debian and Ubuntu do so for ~/.local/bin at the next login)" ;; esac
}

uninstall_leadbox() {
  [ -f "$manifest" ] || die "leadbox is not installed in $prefix (no $manifest); pass the --prefix it was installed with." 66
  if [ -f "$unit" ] && user_systemd; then
    systemctl --user disable --now leadbox.service >/dev/null 2>&1 || true
  fi
  local kind path dirs=()
  while read -r kind path; do
    case "$kind" in
      f) rm -f "$path" ;;
      d) dirs=("$path" "${dirs[@]}") ;;
    esac
  done < "$manifest"
  # Innermost first; a folder that now holds something else (your files) stays.
  for path in "${dirs[@]}"; do rmdir "$path" 2>/dev/null || true; done
  user_systemd && systemctl --user daemon-reload || true
  say "removed leadbox from $prefix; your leads ($data_dir) and settings ($config_file) are kept"
}

"${action}_leadbox"
