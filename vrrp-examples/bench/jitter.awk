# Reads `tcpdump -tt -n --time-stamp-precision=nano -r FILE vrrp` text; for adverts whose source is
# SRC (all when SRC is empty) prints one line per advert interval: "VRID INTERVAL_MS DEVIATION_MS",
# where DEVIATION_MS = |interval - NOMINAL_MS|. The first advert of each VRID starts its series.
#   awk -v src=192.0.2.1 -v nominal=100 -f jitter.awk
/VRRPv[23], Advertisement/ {
  if (src != "" && $3 != src) next
  vrid = ""
  for (i = 1; i <= NF; i++) if ($i == "vrid") { vrid = $(i + 1); sub(/,$/, "", vrid) }
  if (vrid == "") next
  # whole seconds and the nanosecond fraction apart, so no precision is lost in a double
  split($1, t, ".")
  ns = (t[1] - base) * 1e9 + t[2]
  if (base == "") { base = t[1]; ns = t[2] + 0 }
  if (vrid in last) {
    iv = (ns - last[vrid]) / 1e6
    d = iv - nominal; if (d < 0) d = -d
    printf "%s %.6f %.6f\n", vrid, iv, d
  }
  last[vrid] = ns
}
