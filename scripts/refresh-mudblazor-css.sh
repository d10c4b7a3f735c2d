#!/usr/bin/env bash
# Copies MudBlazor's stylesheet from the NuGet package into DapPanel.App/wwwroot, without the two rules that
# match every element with :has(): with them, each element a live change inserts restyles all its ancestors.
# MudBlazor's ripple script puts its effect inside .mud-ripple elements, whose own rule already does the same.
# Run after changing the MudBlazor version; PageAssetsTests fails until the copy matches the package.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(sed -n 's/.*Include="MudBlazor" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
source="$packages/mudblazor/$version/staticwebassets/MudBlazor.min.css"
[ -f "$source" ] || { echo "MudBlazor $version is not restored: run dotnet restore first." >&2; exit 1; }
target="$root/DapPanel.App/wwwroot/lib/mudblazor/MudBlazor.min.css"
mkdir -p "$(dirname "$target")"
perl -0pe 's/\Q:not(.mud-ripple):has(>.mud-ripple-effect){overflow:hidden}\E//; s/\Q:where(:not(.mud-ripple):has(>.mud-ripple-effect)){position:relative}\E//' \
  "$source" > "$target"
echo "Wrote $target from MudBlazor $version ($(wc -c < "$target") bytes)."
