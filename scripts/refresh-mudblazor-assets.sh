#!/usr/bin/env bash
# Copies MudBlazor's stylesheet and script from the NuGet package into DapPanel.App/wwwroot/lib/mudblazor, so they
# are fingerprinted and compressed at build like the app's own files (the package's fingerprinted routes are served
# uncompressed). The stylesheet leaves out the two rules that match every element with :has(): with them, each
# element a live change inserts restyles all its ancestors. MudBlazor's ripple script puts its effect inside
# .mud-ripple elements, whose own rule already does the same. The script leaves out its source-map comment (the map
# stays in the package). Run after changing the MudBlazor version; PageAssetsTests fails until the copies match.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(sed -n 's/.*Include="MudBlazor" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
source="$packages/mudblazor/$version/staticwebassets"
[ -f "$source/MudBlazor.min.css" ] || { echo "MudBlazor $version is not restored: run dotnet restore first." >&2; exit 1; }
target="$root/DapPanel.App/wwwroot/lib/mudblazor"
mkdir -p "$target"
perl -0pe 's/\Q:not(.mud-ripple):has(>.mud-ripple-effect){overflow:hidden}\E//; s/\Q:where(:not(.mud-ripple):has(>.mud-ripple-effect)){position:relative}\E//' \
  "$source/MudBlazor.min.css" > "$target/MudBlazor.min.css"
perl -0pe 's/\Q\/\/# sourceMappingURL=MudBlazor.min.js.map\E\n?\z//' "$source/MudBlazor.min.js" > "$target/MudBlazor.min.js"
echo "Wrote $target from MudBlazor $version (stylesheet $(wc -c < "$target/MudBlazor.min.css") bytes, script $(wc -c < "$target/MudBlazor.min.js") bytes)."
