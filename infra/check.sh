#!/usr/bin/env bash
# Offline check of the Bicep templates under infra/, for CI and developers.
#
#   bash infra/check.sh
#
# 1. Restores infra/tools/bicep.proj, which only downloads the Bicep CLI from NuGet
#    (Azure.Bicep.CommandLine.linux-x64, exact version pinned there).
# 2. Builds infra/main.bicep to ARM JSON in a temporary folder (never into the repository).
# 3. Lints every .bicep file under infra/ with infra/bicepconfig.json.
# 4. Checks the compiled template for secret leaks (listKeys, account keys, SAS, a default
#    or output for the music API key) and that main.parameters.json matches main.bicep.
#
# Fails (exit 1) on any Error or Warning diagnostic, even where the Bicep CLI itself exits 0.
# Writes nothing inside the repository: restore outputs and the build go to a temp folder.
set -euo pipefail

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools_proj="${infra_dir}/tools/bicep.proj"
package_id="azure.bicep.commandline.linux-x64"

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/bicep-check.XXXXXX")"
cleanup() { rm -rf "${work_dir}"; }
trap cleanup EXIT

failures=()
fail() { failures+=("$1"); echo "FAIL: $1"; }
section() { printf '\n== %s\n' "$1"; }

if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  echo "infra/check.sh: the pinned Bicep CLI package is for linux-x64; this is $(uname -s)/$(uname -m)." >&2
  exit 1
fi
command -v dotnet >/dev/null || { echo "infra/check.sh: dotnet is not on PATH." >&2; exit 1; }
command -v python3 >/dev/null || { echo "infra/check.sh: python3 is not on PATH (used to inspect JSON)." >&2; exit 1; }

# --- 1. Bicep CLI from NuGet -------------------------------------------------------------
section "Restoring the Bicep CLI (${tools_proj#"${infra_dir}/"})"
bicep_version="$(sed -n 's/.*PackageDownload Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "${tools_proj}")"
if [[ -z "${bicep_version}" ]]; then
  echo "infra/check.sh: no exact Azure.Bicep.CommandLine.linux-x64 version found in ${tools_proj}." >&2
  exit 1
fi
obj_dir="${work_dir}/obj/"
dotnet restore "${tools_proj}" \
  --verbosity quiet \
  "-p:BaseIntermediateOutputPath=${obj_dir}" \
  "-p:MSBuildProjectExtensionsPath=${obj_dir}"

if [[ -n "${NUGET_PACKAGES:-}" ]]; then
  packages_dir="${NUGET_PACKAGES}"
else
  packages_dir="$(dotnet nuget locals global-packages --list 2>/dev/null | sed -n 's/^global-packages: //p' | head -n 1)"
  packages_dir="${packages_dir:-${HOME}/.nuget/packages}"
fi
packages_dir="${packages_dir%/}"
bicep="${packages_dir}/${package_id}/${bicep_version}/tools/bicep"
if [[ ! -f "${bicep}" ]]; then
  echo "infra/check.sh: the Bicep CLI was not found at ${bicep} after the restore." >&2
  exit 1
fi
chmod +x "${bicep}"
echo "Using ${bicep}"
"${bicep}" --version

# Diagnostics look like: /path/file.bicep(12,3) : Warning rule-name: message
count_diagnostics() { grep -E -c ' : (Warning|Error) ' "$1" || true; }
show_diagnostics() { grep -E ' : (Error|Warning|Info) ' "$1" | sed "s#${infra_dir}/#infra/#" || true; }

# --- 2. Build ------------------------------------------------------------------------------
section "bicep build infra/main.bicep"
compiled="${work_dir}/main.json"
build_log="${work_dir}/build.log"
build_rc=0
"${bicep}" build "${infra_dir}/main.bicep" --outfile "${compiled}" >"${build_log}" 2>&1 || build_rc=$?
show_diagnostics "${build_log}"
build_problems="$(count_diagnostics "${build_log}")"
if [[ ${build_rc} -ne 0 ]]; then
  cat "${build_log}"
  fail "bicep build exited with ${build_rc}"
elif [[ ! -s "${compiled}" ]]; then
  fail "bicep build produced no ARM template"
elif [[ ${build_problems} -ne 0 ]]; then
  fail "bicep build reported ${build_problems} warning(s)/error(s)"
else
  echo "OK: compiled to ARM JSON ($(wc -c <"${compiled}") bytes)"
fi

# --- 3. Lint -------------------------------------------------------------------------------
section "bicep lint (every .bicep file under infra/)"
lint_total=0
lint_files=0
while IFS= read -r -d '' file; do
  lint_files=$((lint_files + 1))
  rel="${file#"${infra_dir}/"}"
  log="${work_dir}/lint-${lint_files}.log"
  rc=0
  "${bicep}" lint "${file}" >"${log}" 2>&1 || rc=$?
  problems="$(count_diagnostics "${log}")"
  show_diagnostics "${log}"
  if [[ ${rc} -ne 0 ]]; then
    cat "${log}"
    fail "bicep lint ${rel} exited with ${rc}"
  elif [[ ${problems} -ne 0 ]]; then
    fail "bicep lint ${rel}: ${problems} warning(s)/error(s)"
  else
    echo "OK: infra/${rel}"
  fi
  lint_total=$((lint_total + problems))
done < <(find "${infra_dir}" -name '*.bicep' -not -path '*/obj/*' -not -path '*/bin/*' -print0 | sort -z)
if [[ ${lint_files} -eq 0 ]]; then
  fail "no .bicep files found under infra/"
fi

# --- 4. Secrets and parameters -------------------------------------------------------------
section "Secret hygiene of the compiled template"
if [[ -s "${compiled}" ]]; then
  # Anything that would read or build a key-based credential.
  for pattern in 'listKeys' 'listAccountSas' 'listServiceSas' 'listConnectionStrings' 'AccountKey=' 'SharedAccessSignature=' 'SharedAccessKey='; do
    if grep -q -i -F "${pattern}" "${compiled}"; then
      fail "compiled template contains '${pattern}'"
    fi
  done
  if ! python3 - "${compiled}" "${infra_dir}/main.parameters.json" <<'PY'; then
import json, re, sys

template = json.load(open(sys.argv[1]))
parameters_file = json.load(open(sys.argv[2]))
problems = []

params = template.get("parameters", {})
key = params.get("musicApiKey")
if key is None:
    problems.append("main.bicep has no musicApiKey parameter")
else:
    if key.get("type", "").lower() != "securestring":
        problems.append("musicApiKey is not @secure()")
    if "defaultValue" in key:
        problems.append("musicApiKey has a default value")
for name, p in params.items():
    # An empty default (an optional secret, such as the webhook key) bakes nothing into the template.
    if p.get("type", "").lower() in ("securestring", "secureobject") and p.get("defaultValue") not in (None, "", {}):
        problems.append(f"secure parameter {name} has a non-empty default value")

outputs = template.get("outputs", {})
for name, o in outputs.items():
    text = json.dumps(o)
    if o.get("type", "").lower() in ("securestring", "secureobject"):
        problems.append(f"output {name} is secure-typed (outputs must not carry secrets)")
    if re.search(r"musicApiKey'|listKeys|listSecrets|ConnectionString|InstrumentationKey", text, re.I):
        problems.append(f"output {name} may expose a secret: {text}")

# Every nested template must keep the key secure as well, and no output anywhere may reference it.
def walk(node, path):
    if isinstance(node, dict):
        t = node.get("template") if node.get("type") == "Microsoft.Resources/deployments" else None
        inner = (node.get("properties") or {}).get("template") if node.get("type") == "Microsoft.Resources/deployments" else None
        for tpl in (t, inner):
            if isinstance(tpl, dict):
                for pname, p in (tpl.get("parameters") or {}).items():
                    if pname.lower() in ("musicapikey", "apikey") and p.get("type", "").lower() != "securestring":
                        problems.append(f"{path}/{node.get('name')}: parameter {pname} is not secure")
                for oname, o in (tpl.get("outputs") or {}).items():
                    if re.search(r"parameters\('musicApiKey'\)|listKeys|listSecrets", json.dumps(o), re.I):
                        problems.append(f"{path}/{node.get('name')}: output {oname} exposes a secret")
        for k, v in node.items():
            walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{path}[{i}]")
walk(template, "")

# Storage must stay key-less.
text = json.dumps(template)
if '"allowSharedKeyAccess": false' not in text:
    problems.append("storage account does not set allowSharedKeyAccess: false")

# main.parameters.json: valid, only known parameters, the key only as an azd placeholder.
supplied = parameters_file.get("parameters", {})
for name, p in supplied.items():
    if name not in params:
        problems.append(f"main.parameters.json sets unknown parameter {name}")
required = [n for n, p in params.items() if "defaultValue" not in p]
for name in required:
    if name not in supplied:
        problems.append(f"main.parameters.json does not supply required parameter {name}")
value = (supplied.get("musicApiKey") or {}).get("value")
if value is not None and not re.fullmatch(r"\$\{[A-Z0-9_]+\}", str(value)):
    problems.append("main.parameters.json must pass musicApiKey only as an ${ENV_VAR} placeholder")

for p in problems:
    print(f"FAIL: {p}")
if problems:
    sys.exit(1)
print(f"OK: {len(params)} parameters ({sum(1 for p in params.values() if p.get('type','').lower()=='securestring')} secure, none with a default), "
      f"{len(outputs)} outputs (no secrets), no key-based credentials; main.parameters.json matches")
PY
    fail "secret/parameter checks on the compiled template"
  fi
else
  fail "no compiled template to inspect"
fi

# --- Summary -------------------------------------------------------------------------------
section "Summary"
echo "Bicep CLI ${bicep_version}: build ${build_problems} warning(s)/error(s); lint ${lint_files} file(s), ${lint_total} warning(s)/error(s)"
if [[ ${#failures[@]} -ne 0 ]]; then
  echo "infra check FAILED (${#failures[@]} problem(s)):"
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
echo "infra check passed: 0 errors, 0 warnings"
