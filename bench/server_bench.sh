#!/usr/bin/env bash
# HTTP benchmark: wrk against junkan serve's GET endpoints on loopback,
# compared in the same run with nginx serving the same JSON bytes as a
# static file (the ceiling). Reports requests per second, the ratio to
# nginx, and the p99 latency at C connections.
#
#   bench/server_bench.sh            # C=64, D=10 s per endpoint
#   C=64 D=5 bench/server_bench.sh
#
# Needs the release build (make release), wrk and nginx (Debian
# packages; apt-get install wrk nginx-light).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
J=${JUNKAN:-$root/build/release/junkan}
C=${C:-64}
D=${D:-10}
T=$(mktemp -d "${TMPDIR:-/tmp}/junkan-httpbench.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$T"; }
trap cleanup EXIT
for tool in wrk nginx curl; do
    command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] || { echo "server_bench: $tool missing" >&2; exit 2; }
done
[ -x "$J" ] || { echo "server_bench: build first (make release)" >&2; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

"$J" -q --db "$T/b.db" init
"$J" -q --db "$T/b.db" import "$root/data/demo" > /dev/null
"$J" --db "$T/b.db" serve --port 0 --threads 2 --max-connections 256 \
    --web none > "$T/serve.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q listening "$T/serve.out" && break; sleep 0.1; done
jport=$(grep -o '127.0.0.1:[0-9]*' "$T/serve.out" | cut -d: -f2)

# nginx: the same bytes as static files, 2 workers like junkan's threads
mkdir -p "$T/www/api/v1" "$T/nginx"
endpoints=("/api/v1/routes" "/api/v1/materials?limit=50" "/api/v1/systems")
files=("routes.json" "materials.json" "systems.json")
for i in "${!endpoints[@]}"; do
    curl -s "http://127.0.0.1:$jport${endpoints[$i]}" > "$T/www/${files[$i]}"
done
nport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$T/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $T/nginx/body;
    proxy_temp_path $T/nginx/proxy;
    fastcgi_temp_path $T/nginx/fastcgi;
    uwsgi_temp_path $T/nginx/uwsgi;
    scgi_temp_path $T/nginx/scgi;
    default_type application/json;
    server { listen 127.0.0.1:$nport; root $T/www; etag on; }
}
EOF
"$NGINX" -c "$T/nginx/nginx.conf" -g 'daemon off;' 2> "$T/nginx/stderr" &
pids+=($!)
sleep 0.5

run() { # url -> "rps p99_ms"
    wrk -t2 -c"$C" -d"${D}s" --latency "$1" > "$T/wrk.out"
    awk '/Requests\/sec/ {rps=$2}
         /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; p99=v}
         END {printf "%.0f %.2f\n", rps, p99}' "$T/wrk.out"
}

printf '%-28s %12s %12s %8s %12s %12s\n' endpoint junkan_rps nginx_rps ratio junkan_p99 nginx_p99
for i in "${!endpoints[@]}"; do
    read -r jr jp < <(run "http://127.0.0.1:$jport${endpoints[$i]}")
    read -r nr np < <(run "http://127.0.0.1:$nport/${files[$i]}")
    ratio=$(awk -v a="$jr" -v b="$nr" 'BEGIN {printf "%.2f", a / b}')
    printf '%-28s %12s %12s %8s %10sms %10sms\n' "${endpoints[$i]}" "$jr" "$nr" "$ratio" "$jp" "$np"
done
echo "(wrk -t2 -c$C -d${D}s on 127.0.0.1; junkan serve --threads 2; nginx 2 workers; $(nproc) cores)"
